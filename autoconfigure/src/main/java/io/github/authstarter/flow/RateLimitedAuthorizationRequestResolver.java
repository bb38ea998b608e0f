package io.github.authstarter.flow;

import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Admits each login start through the {@link LoginStartLimiter} before anything that
 * costs: fetching the provider's metadata the first time it is used, the push to the
 * provider (wrap this in {@link PushingAuthorizationRequestResolver}) and the flow record
 * in Redis. A start for a provider held is counted before its request is built; one for
 * an id held by nobody costs nothing and is counted only if it resolves after all. A
 * refused start throws {@link LoginRateLimitedException}.
 */
public final class RateLimitedAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

	private final OAuth2AuthorizationRequestResolver delegate;

	private final LoginStartLimiter limiter;

	private final ProviderPathMatcher loginStarts;

	private final Predicate<String> held;

	/**
	 * Wraps a resolver.
	 * @param delegate builds and checks the request
	 * @param limiter the cap on login starts
	 * @param loginPath the path below which a login start names its provider, such as
	 * {@code /auth/login}
	 * @param held whether a provider id may be used now, known from memory alone
	 */
	public RateLimitedAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate,
			LoginStartLimiter limiter, String loginPath, Predicate<String> held) {
		this.delegate = delegate;
		this.limiter = limiter;
		this.loginStarts = new ProviderPathMatcher(loginPath);
		this.held = held;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		// every request passes here on its way through Spring Security's filter
		boolean counted = countedFirst(this.loginStarts.providerId(request), request);
		return admitted(this.delegate.resolve(request), counted, request);
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
		boolean counted = countedFirst(clientRegistrationId, request);
		return admitted(this.delegate.resolve(request, clientRegistrationId), counted, request);
	}

	private boolean countedFirst(@Nullable String id, HttpServletRequest request) {
		if (id == null || !this.held.test(id)) {
			return false;
		}
		this.limiter.acquire(request);
		return true;
	}

	/** Only a login start counts, once; every other request resolves to {@code null}. */
	private @Nullable OAuth2AuthorizationRequest admitted(@Nullable OAuth2AuthorizationRequest resolved,
			boolean counted, HttpServletRequest request) {
		if (resolved != null && !counted) {
			// added to the store between the check and now
			this.limiter.acquire(request);
		}
		return resolved;
	}

}
