package io.github.authstarter.tenant;

import java.util.function.Function;

import io.github.authstarter.session.SessionAdmission;
import io.github.authstarter.session.SessionUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * Keeps tenants apart (their names compared ignoring case): a provider of one tenant
 * signs in only on that tenant's requests (providers of no tenant, such as those of
 * {@code auth.providers.*}, on every request), and a sign-in belongs to the tenant of the
 * request it was made on, kept in its session, so it is not accepted on another tenant's
 * requests.
 */
public final class TenantBoundary implements SessionAdmission {

	/** The session attribute that holds the tenant a sign-in was made for. */
	public static final String SESSION_ATTRIBUTE = TenantBoundary.class.getName() + ".tenant";

	private static final String NONE = "";

	private final TenantResolver resolver;

	private final Function<String, @Nullable String> providerTenants;

	private final SessionAdmission providers;

	/**
	 * Creates the boundary.
	 * @param resolver the tenant of each request
	 * @param providerTenants the tenant of each provider, by id; {@code null} for a
	 * provider of no tenant
	 * @param providers the judge of the sign-in's provider (removed or disabled)
	 */
	public TenantBoundary(TenantResolver resolver, Function<String, @Nullable String> providerTenants,
			SessionAdmission providers) {
		this.resolver = resolver;
		this.providerTenants = providerTenants;
		this.providers = providers;
	}

	/**
	 * The tenant of a request.
	 * @param request the request
	 * @return the tenant, or {@code null}
	 */
	public @Nullable String tenantOf(HttpServletRequest request) {
		return this.resolver.resolve(request);
	}

	/**
	 * Whether a provider may be used to sign in on a request.
	 * @param request the request
	 * @param providerId the provider id
	 * @return whether it is of no tenant or of the request's
	 */
	public boolean admits(HttpServletRequest request, String providerId) {
		String tenant = this.providerTenants.apply(providerId);
		return tenant == null || tenant.equalsIgnoreCase(tenantOf(request));
	}

	/**
	 * Records the tenant of a sign-in in its session.
	 * @param request the request that signed in
	 * @param session its session
	 */
	public void bind(HttpServletRequest request, HttpSession session) {
		String tenant = tenantOf(request);
		session.setAttribute(SESSION_ATTRIBUTE, (tenant != null) ? tenant : NONE);
	}

	@Override
	public Verdict admit(HttpServletRequest request, SessionUser user) {
		Verdict verdict = this.providers.admit(request, user);
		if (verdict != Verdict.ADMITTED) {
			return verdict;
		}
		HttpSession session = request.getSession(false);
		Object bound = (session != null) ? session.getAttribute(SESSION_ATTRIBUTE) : null;
		// a sign-in from before tenants were resolved belongs to no tenant
		String signedInFor = (bound instanceof String text && !text.isEmpty()) ? text : null;
		String here = tenantOf(request);
		boolean same = (signedInFor != null) ? signedInFor.equalsIgnoreCase(here) : here == null;
		return same ? Verdict.ADMITTED : Verdict.NOT_HERE;
	}

}
