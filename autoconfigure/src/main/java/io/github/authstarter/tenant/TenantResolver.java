package io.github.authstarter.tenant;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Picks the tenant a request is for: by host ({@code auth.tenants.resolution=host}), by
 * path ({@code path}), by a header a gateway sets ({@code header}), or the application's
 * own bean. A provider of another tenant cannot be used to sign in on that request, and a
 * sign-in made for another tenant is not accepted on it.
 */
@FunctionalInterface
public interface TenantResolver {

	/**
	 * The tenant of a request.
	 * @param request the request
	 * @return the tenant, or {@code null} when the request is for none (the application's
	 * own site), where only providers of no tenant sign in
	 */
	@Nullable String resolve(HttpServletRequest request);

}
