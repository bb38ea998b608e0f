package io.github.authstarter.tenant;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The tenant named by the path segment after a prefix: {@code /t/acme/orders} is tenant
 * {@code acme} under the prefix {@code /t}. With {@link TenantPathFilter} the prefix and
 * tenant act as the context path of everything below them, the starter's endpoints
 * included: {@code /t/acme/auth/login} is acme's sign-in page and
 * {@code /t/acme/login/oauth2/code/<id>} its callback. Only a lowercase label names a
 * tenant, as written: {@code /t/Acme/} and {@code /t/ac%6De/} are for no tenant, so one
 * tenant has one spelling, the one its cookies are scoped to.
 */
public final class PathTenantResolver implements TenantResolver {

	/** The request attribute holding the tenant {@link TenantPathFilter} found. */
	static final String TENANT = PathTenantResolver.class.getName() + ".tenant";

	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private final String prefix;

	/**
	 * Creates the resolver.
	 * @param prefix the path before the tenant, such as {@code /t}
	 */
	public PathTenantResolver(String prefix) {
		String plain = prefix.strip();
		plain = plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
		this.prefix = (plain.startsWith("/") ? plain : "/" + plain) + "/";
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		if (request.getAttribute(TENANT) instanceof String tenant) {
			// below the tenant's path, which is now part of the context path
			return tenant;
		}
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		String tenant = (uri != null && context != null && uri.startsWith(context))
				? tenantOf(uri.substring(context.length())) : null;
		// the path as sent and as decoded must agree, as TenantPathFilter asks
		String servletPath = request.getServletPath();
		return (tenant != null && servletPath != null && (servletPath + "/").startsWith(pathOf(tenant) + "/")) ? tenant
				: null;
	}

	/**
	 * The tenant a path within the application names.
	 * @param path the path, as sent and without the context path
	 * @return the tenant, or {@code null}
	 */
	@Nullable String tenantOf(String path) {
		if (!path.startsWith(this.prefix)) {
			return null;
		}
		int end = path.indexOf('/', this.prefix.length());
		String label = path.substring(this.prefix.length(), (end < 0) ? path.length() : end);
		return LABEL.matcher(label).matches() ? label : null;
	}

	/**
	 * The path of a tenant below the context path, such as {@code /t/acme}.
	 * @param tenant the tenant
	 * @return its path, without a trailing slash
	 */
	String pathOf(String tenant) {
		return this.prefix + tenant;
	}

}
