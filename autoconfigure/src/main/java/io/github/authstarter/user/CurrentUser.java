package io.github.authstarter.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.github.authstarter.access.RequestedAuthentication;
import io.github.authstarter.flow.Reauthentication;
import io.github.authstarter.logout.UserSessions;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.NoRefreshTokenException;
import io.github.authstarter.token.ProviderApis;
import io.github.authstarter.token.TokenRefresher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The user signed in on the current request: identity, claims and live tokens. One bean
 * serves every request (it reads the current request on each call), so it can be injected
 * into singleton controllers and services that run on a request thread.
 */
public final class CurrentUser {

	private final SessionUserStore store;

	private final TokenRefresher refresher;

	private final TokenExposure exposure;

	private final DeviceSessions devices;

	private final UserApis apis;

	private final Predicate<String> provesReauthentication;

	private final RequestedAuthentication recentLogins;

	/**
	 * Creates the bean.
	 * @param store the session record store
	 * @param refresher the token refresher
	 * @param exposure the token exposure policy
	 * @param userSessions ends all of a user's sessions, or {@code null} without the
	 * starter's session index (a test slice)
	 * @param apis the providers' APIs
	 * @param http the providers' HTTP clients, which the APIs' clients are built like
	 * @param retryCooldown how long after a token was obtained an API's {@code 401} is
	 * answered as is, without a new token ({@code auth.apis.retry-cooldown})
	 * @param recentLogins judges how long ago the user authenticated at the provider, on
	 * the clock the cooldown is measured with too
	 * @param provesReauthentication whether a provider can prove that the user signed in
	 * again on request (an ID token with {@code auth_time} and {@code acr}), by provider
	 * id
	 */
	public CurrentUser(SessionUserStore store, TokenRefresher refresher, TokenExposure exposure,
			@Nullable UserSessions userSessions, ProviderApis apis, ProviderHttpClients http, Duration retryCooldown,
			RequestedAuthentication recentLogins, Predicate<String> provesReauthentication) {
		this.store = store;
		this.refresher = refresher;
		this.exposure = exposure;
		this.devices = new DeviceSessions(this, userSessions);
		this.apis = new UserApis(this, refresher, exposure, apis, http,
				new RetryCooldown(retryCooldown, recentLogins.clock()),
				new ApiStepUps(this, recentLogins, provesReauthentication));
		this.recentLogins = recentLogins;
		this.provesReauthentication = provesReauthentication;
	}

	/**
	 * Whether someone is signed in on this request.
	 * @return whether a user is signed in
	 */
	public boolean isAuthenticated() {
		HttpServletRequest request = requestOrNull();
		return request != null && this.store.read(request) != null;
	}

	/**
	 * The id of the provider the user signed in with.
	 * @return the provider id
	 * @throws NotAuthenticatedException when nobody is signed in
	 */
	public String provider() {
		return user().provider();
	}

	/**
	 * The user's stable id at the provider ({@code sub}, or GitHub's {@code id}).
	 * @return the subject
	 */
	public String subject() {
		return user().subject();
	}

	/**
	 * A name to show: {@code name}, else {@code preferred_username}, else {@code login},
	 * else the subject.
	 * @return the display name
	 */
	public String name() {
		Map<String, Object> claims = claims();
		for (String claim : new String[] { "name", "preferred_username", "login" }) {
			if (claims.get(claim) instanceof String value && !value.isBlank()) {
				return value;
			}
		}
		return subject();
	}

	/**
	 * The user's email address.
	 * @return the {@code email} claim, or {@code null}
	 */
	public @Nullable String email() {
		return (claims().get("email") instanceof String email) ? email : null;
	}

	/**
	 * All claims: the id token's and the user info's, or an OAuth2 provider's attributes.
	 * @return the claims, unmodifiable
	 */
	public Map<String, Object> claims() {
		return Collections.unmodifiableMap(user().claims());
	}

	/**
	 * One claim.
	 * @param name the claim name
	 * @return its value, or {@code null}
	 */
	public @Nullable Object claim(String name) {
		return user().claims().get(name);
	}

	/**
	 * The user's authorities: those mapped from the provider's claims
	 * ({@code auth.providers.<id>.authorities.*}), computed at login and again on every
	 * refresh.
	 * @return the authorities, such as {@code ROLE_admins}, unmodifiable
	 */
	public Set<String> authorities() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(user().authorities()));
	}

	/**
	 * Whether the user has an authority.
	 * @param authority the authority, such as {@code SCOPE_email}
	 * @return whether it was granted
	 */
	public boolean hasAuthority(String authority) {
		return user().authorities().contains(authority);
	}

	/**
	 * Whether the user has a role, as Spring Security's {@code hasRole} decides it.
	 * @param role the role, with or without the {@code ROLE_} prefix
	 * @return whether the user has {@code ROLE_<role>}
	 */
	public boolean hasRole(String role) {
		return hasAuthority(role.startsWith("ROLE_") ? role : "ROLE_" + role);
	}

	/**
	 * The user's tokens.
	 * @return the token view
	 */
	public UserTokens tokens() {
		return new UserTokens(request(), user(), this.refresher, this.exposure, null);
	}

	/**
	 * Calling APIs as the user: a provider's own with the sign-in's token, or one
	 * configured in {@code auth.providers.<id>.apis} with that API's own token.
	 * @return the user's APIs
	 */
	public UserApis apis() {
		return this.apis;
	}

	/**
	 * The user's sessions on every instance and device, and ending them.
	 * @return the user's sessions
	 */
	public DeviceSessions devices() {
		return this.devices;
	}

	/**
	 * The Microsoft Entra tenant the user belongs to (the ID token's {@code tid} claim,
	 * never user info, which other providers let users or admins shape): with several
	 * tenants admitted, each tenant's own admin assigns its users' roles, so an
	 * application keys its data by tenant too.
	 * @return the tenant id, or {@code null} for a provider without tenants
	 */
	public @Nullable String tenant() {
		SessionUser user = user();
		return (user.idToken() != null) ? user.idToken().getClaimAsString("tid") : null;
	}

	/**
	 * Requires that the user authenticated at the provider at most this long ago (for a
	 * sensitive action); otherwise the user is sent through the provider again
	 * ({@code prompt=login}, {@code max_age}) and back to the same page, keeping the
	 * session. Only a login that asked for {@code max_age} and got back an
	 * {@code auth_time} within it counts: a plain sign-in (which a silent single sign-on
	 * completes without the user) never does.
	 * @param maxAge the longest acceptable time since the user last authenticated
	 * @throws StepUpRequiredException when it was longer ago (answered by the starter)
	 * @throws StepUpUnsupportedException when the user's provider cannot prove a new
	 * authentication (answered {@code 403 step_up_unsupported})
	 */
	public void requireRecentLogin(Duration maxAge) {
		SessionUser user = user();
		requireProof(user);
		Instant authenticated = Reauthentication.authenticatedAt(request().getSession(false), user.provider(),
				user.subject());
		if (authenticated == null || !this.recentLogins.isWithin(authenticated, maxAge)) {
			throw new StepUpRequiredException(user.provider(), maxAge, null);
		}
	}

	/**
	 * Requires that the user authenticated with this authentication context class (the ID
	 * token's {@code acr}, such as a multi-factor level) in a login that asked for it;
	 * otherwise the user is sent through the provider again with {@code acr_values} and
	 * back to the same page, keeping the session.
	 * @param acr the required class, as the provider names it
	 * @throws StepUpRequiredException when the user's sign-in has another (answered by
	 * the starter)
	 * @throws StepUpUnsupportedException when the user's provider cannot prove it
	 * (answered {@code 403 step_up_unsupported})
	 */
	public void requireAcr(String acr) {
		SessionUser user = user();
		requireProof(user);
		if (!acr.equals(Reauthentication.acr(request().getSession(false), user.provider(), user.subject()))) {
			throw new StepUpRequiredException(user.provider(), null, acr);
		}
	}

	private void requireProof(SessionUser user) {
		if (user.idToken() == null || !this.provesReauthentication.test(user.provider())) {
			throw new StepUpUnsupportedException(user.provider());
		}
	}

	/**
	 * Refreshes the tokens and the user's claims now, on the server.
	 * @throws NoRefreshTokenException when the provider issued no refresh token
	 */
	public void refresh() {
		this.refresher.refresh(request(), user(), true);
	}

	SessionUser user() {
		SessionUser user = this.store.read(request());
		if (user == null) {
			throw new NotAuthenticatedException();
		}
		return user;
	}

	HttpServletRequest request() {
		HttpServletRequest request = requestOrNull();
		if (request == null) {
			throw new NotAuthenticatedException();
		}
		return request;
	}

	private static @Nullable HttpServletRequest requestOrNull() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest() : null;
	}

}
