package io.github.authstarter.tenant;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The tenant a gateway names in a header, such as {@code X-Tenant}. Only behind a gateway
 * that sets the header on every request and drops the one a client sends: anyone else can
 * name any tenant.
 */
public final class HeaderTenantResolver implements TenantResolver {

	private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	private final String header;

	/**
	 * Creates the resolver.
	 * @param header the header's name
	 */
	public HeaderTenantResolver(String header) {
		this.header = header;
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		String value = request.getHeader(this.header);
		if (value == null) {
			return null;
		}
		String tenant = value.strip();
		return TENANT.matcher(tenant).matches() ? tenant : null;
	}

}
