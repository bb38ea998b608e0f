package io.github.authstarter.user;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Supplier;

import io.github.authstarter.provider.DpopProofs;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.token.ApiDefinition;
import io.github.authstarter.token.ProviderApis;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Follows an interceptor that sends the signed-in user's token as {@code Bearer}, such as
 * Spring Security's {@code OAuth2ClientHttpRequestInterceptor}, which knows no other
 * scheme: a token the user's session holds as bound to the sign-in's DPoP key goes as
 * {@code Authorization: DPoP} with a proof of the key (RFC 9449 section 7), and a
 * resource server's nonce demand gets one retry. Only the session's own bound tokens get
 * a proof, so it never signs for a token it did not issue, and an API's token only under
 * that API's {@code base-url}; everything else goes unchanged.
 */
final class DpopProofInterceptor implements ClientHttpRequestInterceptor {

	private final CurrentUser currentUser;

	/** Looked up per call: the interceptor may be made before the proofs are bound. */
	private final Supplier<@Nullable DpopProofs> dpop;

	private final ProviderApis apis;

	DpopProofInterceptor(CurrentUser currentUser, Supplier<@Nullable DpopProofs> dpop, ProviderApis apis) {
		this.currentUser = currentUser;
		this.dpop = dpop;
		this.apis = apis;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		DpopProofs proofs = this.dpop.get();
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || proofs == null
				|| !this.currentUser.isAuthenticated()) {
			return execution.execute(request, body);
		}
		SessionUser user = this.currentUser.user();
		String key = user.dpopKey();
		String token = authorization.substring(7).strip();
		if (key == null) {
			return execution.execute(request, body);
		}
		if (bound(user.accessToken(), token)) {
			return proofs.execute(key, request, body, execution);
		}
		for (Map.Entry<String, OAuth2AccessToken> api : user.apiTokens().entrySet()) {
			if (bound(api.getValue(), token)) {
				ApiDefinition definition = this.apis.find(user.provider(), api.getKey());
				if (definition == null) {
					// a token of an API no longer configured: no proof for it
					return execution.execute(request, body);
				}
				if (!definition.allows(request.getURI())) {
					// as currentUser.apis().bearerToken(provider, api) refuses it: an
					// API's token, and a proof with it, go only under its base-url
					throw new ApiDestinationRefusedException(definition.registrationId(),
							"Refusing to prove the key for the token of API '" + definition.registrationId()
									+ "' at a URL outside auth.providers." + definition.provider() + ".apis."
									+ definition.name() + ".base-url");
				}
				return proofs.execute(key, request, body, execution);
			}
		}
		return execution.execute(request, body);
	}

	private static boolean bound(@Nullable OAuth2AccessToken held, String token) {
		return held != null && OAuth2AccessToken.TokenType.DPOP.equals(held.getTokenType()) && MessageDigest.isEqual(
				held.getTokenValue().getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
	}

}
