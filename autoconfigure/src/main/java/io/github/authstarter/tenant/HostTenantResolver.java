package io.github.authstarter.tenant;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The tenant named by the first label of the host, below a domain of the application's:
 * {@code acme.example.com} is tenant {@code acme} under {@code example.com}. A host of
 * two labels or more below the domain, or outside it, is for no tenant. The host is the
 * request's server name, which the application's forwarded-header handling sets behind a
 * proxy ({@code server.forward-headers-strategy}).
 */
public final class HostTenantResolver implements TenantResolver {

	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private final String suffix;

	/**
	 * Creates the resolver.
	 * @param domain the application's domain, such as {@code example.com}
	 */
	public HostTenantResolver(String domain) {
		String plain = domain.strip().toLowerCase(Locale.ROOT);
		this.suffix = "." + (plain.startsWith(".") ? plain.substring(1) : plain);
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		String host = request.getServerName();
		if (host == null) {
			return null;
		}
		host = host.toLowerCase(Locale.ROOT);
		if (!host.endsWith(this.suffix)) {
			return null;
		}
		String label = host.substring(0, host.length() - this.suffix.length());
		return LABEL.matcher(label).matches() ? label : null;
	}

}
