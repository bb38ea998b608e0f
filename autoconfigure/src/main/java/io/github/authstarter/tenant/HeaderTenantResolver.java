package io.github.authstarter.tenant;

import java.util.Enumeration;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The tenant a gateway names in a header, such as {@code X-Tenant}, lowercase. Only
 * behind a gateway that sets the header on every request and drops the one a client
 * sends: anyone else can name any tenant. A request carrying the header twice is for
 * none.
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
		Enumeration<String> values = request.getHeaders(this.header);
		String value = (values != null && values.hasMoreElements()) ? values.nextElement() : null;
		if (value == null || values.hasMoreElements()) {
			// a gateway that appends instead of replacing would let a client's value
			// first
			return null;
		}
		String tenant = value.strip().toLowerCase(Locale.ROOT);
		return TENANT.matcher(tenant).matches() ? tenant : null;
	}

}
