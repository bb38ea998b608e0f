package io.github.authstarter.flow;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Admits each login start through the {@link LoginStartLimiter} as soon as its request is
 * built and checked, before anything that costs more: the push to the provider (wrap this
 * in {@link PushingAuthorizationRequestResolver}) and the flow record in Redis. A refused
 * start throws {@link LoginRateLimitedException}.
 */
public final class RateLimitedAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

	private final OAuth2AuthorizationRequestResolver delegate;

	private final LoginStartLimiter limiter;

	/**
	 * Wraps a resolver.
	 * @param delegate builds and checks the request
	 * @param limiter the cap on login starts
	 */
	public RateLimitedAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate,
			LoginStartLimiter limiter) {
		this.delegate = delegate;
		this.limiter = limiter;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		return admitted(this.delegate.resolve(request), request);
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
		return admitted(this.delegate.resolve(request, clientRegistrationId), request);
	}

	/** Only a login start counts; every other request resolves to {@code null}. */
	private @Nullable OAuth2AuthorizationRequest admitted(@Nullable OAuth2AuthorizationRequest resolved,
			HttpServletRequest request) {
		if (resolved != null) {
			this.limiter.acquire(request);
		}
		return resolved;
	}

}
