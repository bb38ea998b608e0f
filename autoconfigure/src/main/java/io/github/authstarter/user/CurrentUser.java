package io.github.authstarter.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.github.authstarter.access.RequestedAuthentication;
import io.github.authstarter.flow.Reauthentication;
import io.github.authstarter.logout.UserSessions;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.ApiDefinition;
import io.github.authstarter.token.ProviderApis;
import io.github.authstarter.token.TokenRefresher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
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

	private final @Nullable UserSessions userSessions;

	private final ProviderApis apis;

	private final Predicate<String> provesReauthentication;

	private final RetryCooldown retryCooldown;

	private final RequestedAuthentication recentLogins;

	/**
	 * Creates the bean.
	 * @param store the session record store
	 * @param refresher the token refresher
	 * @param exposure the token exposure policy
	 * @param userSessions ends all of a user's sessions, or {@code null} without the
	 * starter's session index (a test slice)
	 */
	public CurrentUser(SessionUserStore store, TokenRefresher refresher, TokenExposure exposure,
			@Nullable UserSessions userSessions) {
		this(store, refresher, exposure, userSessions, new ProviderApis(List.of()));
	}

	/**
	 * Creates the bean.
	 * @param store the session record store
	 * @param refresher the token refresher
	 * @param exposure the token exposure policy
	 * @param userSessions ends all of a user's sessions, or {@code null} without the
	 * starter's session index (a test slice)
	 * @param apis the providers' APIs
	 */
	public CurrentUser(SessionUserStore store, TokenRefresher refresher, TokenExposure exposure,
			@Nullable UserSessions userSessions, ProviderApis apis) {
		this(store, refresher, exposure, userSessions, apis, RetryCooldown.DEFAULT,
				new RequestedAuthentication(Clock.systemUTC(), RequestedAuthentication.DEFAULT_SKEW),
				(provider) -> true);
	}

	/**
	 * Creates the bean.
	 * @param store the session record store
	 * @param refresher the token refresher
	 * @param exposure the token exposure policy
	 * @param userSessions ends all of a user's sessions, or {@code null} without the
	 * starter's session index (a test slice)
	 * @param apis the providers' APIs
	 * @param retryCooldown how long after a token was obtained an API's {@code 401} is
	 * answered as is, without a new token ({@code auth.apis.retry-cooldown})
	 * @param recentLogins judges how long ago the user authenticated at the provider, on
	 * the clock the cooldown is measured with too
	 * @param provesReauthentication whether a provider can prove that the user signed in
	 * again on request (an ID token with {@code auth_time} and {@code acr}), by provider
	 * id
	 */
	public CurrentUser(SessionUserStore store, TokenRefresher refresher, TokenExposure exposure,
			@Nullable UserSessions userSessions, ProviderApis apis, Duration retryCooldown,
			RequestedAuthentication recentLogins, Predicate<String> provesReauthentication) {
		this.retryCooldown = new RetryCooldown(retryCooldown, recentLogins.clock());
		this.recentLogins = recentLogins;
		this.provesReauthentication = provesReauthentication;
		this.apis = apis;
		this.userSessions = userSessions;
		this.store = store;
		this.refresher = refresher;
		this.exposure = exposure;
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
	 * The user's tokens for one API of the provider the user signed in with
	 * ({@code auth.providers.<id>.apis.<api>}): {@link UserTokens#accessToken()} is that
	 * API's token, obtained on first use and refreshed single-flight across instances.
	 * @param api the API's name
	 * @return the token view
	 * @throws IllegalArgumentException when the user's provider has no such API
	 * @throws ConsentRequiredException (from {@code accessToken()}) when the user must
	 * grant the API first
	 */
	public UserTokens tokens(String api) {
		SessionUser user = user();
		return new UserTokens(request(), user, this.refresher, this.exposure, this.apis.get(user.provider(), api));
	}

	/**
	 * An interceptor for a {@code RestClient} that calls a provider's APIs as the
	 * signed-in user:
	 * {@code RestClient.builder().requestInterceptor(currentUser.bearerToken("microsoft"))}.
	 * Each request gets the current user's fresh access token; a request made for a user
	 * who signed in with another provider, or for nobody, fails with
	 * {@link NotAuthenticatedException}.
	 * @param provider the provider whose tokens the API accepts
	 * @return the interceptor
	 */
	public ClientHttpRequestInterceptor bearerToken(String provider) {
		return new BearerTokenInterceptor(this, provider, null, this.retryCooldown);
	}

	/**
	 * An interceptor for a {@code RestClient} that calls one API
	 * ({@code auth.providers.<provider>.apis.<api>}) as the signed-in user with that
	 * API's own token: {@code currentUser.bearerToken("corp", "graph")}. The token goes
	 * only to the API's {@code base-url}: a request to any other scheme, host, port or
	 * path is refused before it is sent. An API's {@code 401} causes one refresh and one
	 * retry, unless the token is younger than {@code auth.apis.retry-cooldown}.
	 * @param provider the provider the user signed in with
	 * @param api the API's name
	 * @return the interceptor
	 * @throws IllegalArgumentException when the provider has no such API
	 */
	public ClientHttpRequestInterceptor bearerToken(String provider, String api) {
		return new BearerTokenInterceptor(this, provider, this.apis.get(provider, api), this.retryCooldown);
	}

	/**
	 * A {@code RestClient} builder for one API
	 * ({@code auth.providers.<provider>.apis.<api>}) with its {@code base-url},
	 * {@link #bearerToken(String, String)} and a request factory that never follows
	 * redirects: an HTTP client that follows one sends the {@code Authorization} header
	 * to wherever the API redirects, another host included (the JDK's does), so a
	 * redirect is handed to the caller instead. Connect timeout 5 s, read timeout 30 s;
	 * replacing the request factory gives up that protection.
	 * @param provider the provider the user signed in with
	 * @param api the API's name
	 * @return the builder, ready to {@code build()} or to customize
	 * @throws IllegalArgumentException when the provider has no such API
	 */
	public RestClient.Builder apiClient(String provider, String api) {
		ApiDefinition definition = this.apis.get(provider, api);
		return RestClient.builder()
			.baseUrl(definition.baseUrl().toString())
			.requestFactory(ApiRequestFactory.INSTANCE)
			.requestInterceptor(new BearerTokenInterceptor(this, provider, definition, this.retryCooldown));
	}

	/**
	 * Ends every session of the signed-in user, on every instance and device, this one
	 * included ("sign out of all devices"). The provider session is left alone.
	 * @return how many sessions were ended
	 */
	public int signOutEverywhere() {
		SessionUser user = user();
		if (this.userSessions == null) {
			throw new IllegalStateException("Signing out everywhere needs the starter's session index");
		}
		return this.userSessions.endAll(request(), user.provider(), user.subject());
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
	 * The user's sessions on every instance and device that are still signed in: the
	 * current one first, then the most recently used.
	 * @return the sessions
	 */
	public List<UserSession> sessions() {
		SessionUser user = user();
		return userSessions().list(request(), user.provider(), user.subject())
			.stream()
			.map((listed) -> new UserSession(listed.handle(), listed.createdAt(), listed.lastSeenAt(), listed.device(),
					listed.current()))
			.toList();
	}

	/**
	 * Ends one of the user's sessions, on whatever instance or device it is used; ending
	 * the current one signs this request's user out.
	 * @param id the session's {@link UserSession#id()}
	 * @return whether the user had such a session (another user's is never found)
	 */
	public boolean endSession(String id) {
		SessionUser user = user();
		return userSessions().end(request(), user.provider(), user.subject(), id);
	}

	/**
	 * Ends every session of the user but this one ("sign out other devices").
	 * @return how many sessions were ended
	 */
	public int signOutOtherDevices() {
		SessionUser user = user();
		return userSessions().endOthers(request(), user.provider(), user.subject());
	}

	private UserSessions userSessions() {
		if (this.userSessions == null) {
			throw new IllegalStateException("Listing and ending sessions needs the starter's session index");
		}
		return this.userSessions;
	}

	/**
	 * Refreshes the tokens and the user's claims now, on the server.
	 * @throws io.github.authstarter.token.NoRefreshTokenException when the provider
	 * issued no refresh token
	 */
	public void refresh() {
		this.refresher.refresh(request(), user(), true);
	}

	/**
	 * A fresh access token after an API refused this one ({@code 401}): a refresh,
	 * single-flight across instances, unless another request already replaced the refused
	 * token, whose replacement is then used.
	 * @param refused the access token the API refused
	 * @return the access token to retry with
	 */
	String accessTokenAfterRefusal(String refused) {
		return accessTokenAfterRefusal(refused, null);
	}

	/**
	 * A fresh token for an API, or for the sign-in when {@code api} is {@code null},
	 * after the API refused this one.
	 */
	String accessTokenAfterRefusal(String refused, @Nullable ApiDefinition api) {
		SessionUser user = user();
		if (api != null) {
			return UserTokens.apiToken(request(), user, this.refresher, api, refused).getTokenValue();
		}
		if (!user.accessToken().getTokenValue().equals(refused)) {
			return user.accessToken().getTokenValue();
		}
		// not forced: when another instance refreshed meanwhile its tokens are adopted
		return this.refresher.refresh(request(), user, false).accessToken().getTokenValue();
	}

	SessionUser user() {
		SessionUser user = this.store.read(request());
		if (user == null) {
			throw new NotAuthenticatedException();
		}
		return user;
	}

	private HttpServletRequest request() {
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
