package io.github.authstarter.flow;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Remembers the {@code redirect} parameter of a login start in the authorization request,
 * where {@link RedisFlowStateRepository} stores it once validated.
 */
public final class RedirectingAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

	private final OAuth2AuthorizationRequestResolver delegate;

	/**
	 * Wraps a resolver.
	 * @param delegate the resolver that builds the request
	 */
	public RedirectingAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate) {
		this.delegate = delegate;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		return withTarget(this.delegate.resolve(request), request);
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
		return withTarget(this.delegate.resolve(request, clientRegistrationId), request);
	}

	private static @Nullable OAuth2AuthorizationRequest withTarget(@Nullable OAuth2AuthorizationRequest resolved,
			HttpServletRequest request) {
		String target = request.getParameter("redirect");
		if (resolved == null || !RedirectTarget.isSafe(target)) {
			return resolved;
		}
		return OAuth2AuthorizationRequest.from(resolved)
			.attributes((attributes) -> attributes.put(RedisFlowStateRepository.REDIRECT_ATTRIBUTE, target))
			.build();
	}

}
