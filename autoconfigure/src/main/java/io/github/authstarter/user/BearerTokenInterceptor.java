package io.github.authstarter.user;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import io.github.authstarter.provider.DpopProofs;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.token.ApiDefinition;
import io.github.authstarter.token.ApiGrant;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Adds {@code Authorization: Bearer} with the current user's access token, refreshed
 * first when it is about to expire, to requests of a client meant for one provider's
 * APIs, or for one configured API with that API's own token. An API's token goes only to
 * its {@code base-url}; a request elsewhere is refused before it is sent. A {@code 401}
 * from the API causes one refresh (single-flight) and one retry with the new token,
 * unless the token is younger than {@code auth.apis.retry-cooldown}. A token bound to the
 * sign-in's DPoP key goes as {@code Authorization: DPoP} with a proof of the key (RFC
 * 9449 section 7), and a resource server's nonce demand gets one retry. A {@code 401}
 * that asks for a stronger sign-in (RFC 9470) or for claims (a claims challenge) is no
 * token's fault: it becomes a step-up ({@link StepUpRequiredException}), which the
 * starter answers, instead of a refresh.
 */
final class BearerTokenInterceptor implements ClientHttpRequestInterceptor {

	private final CurrentUser currentUser;

	private final UserApis apis;

	private final String provider;

	private final @Nullable ApiDefinition api;

	private final RetryCooldown cooldown;

	/** Looked up per call: the interceptor may be made before the proofs are bound. */
	private final Supplier<@Nullable DpopProofs> dpop;

	BearerTokenInterceptor(CurrentUser currentUser, UserApis apis, String provider, @Nullable ApiDefinition api,
			RetryCooldown cooldown, Supplier<@Nullable DpopProofs> dpop) {
		this.currentUser = currentUser;
		this.apis = apis;
		this.provider = provider;
		this.api = api;
		this.cooldown = cooldown;
		this.dpop = dpop;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (this.api != null && !this.api.allows(request.getURI())) {
			// checked before anything else: a token must never leave for another host,
			// whoever chose the URL
			throw new ApiDestinationRefusedException(this.api.registrationId(),
					"Refusing to send the token of API '" + this.api.registrationId() + "' to "
							+ origin(request.getURI()) + request.getURI().getRawPath() + ": outside auth.providers."
							+ this.api.provider() + ".apis." + this.api.name() + ".base-url");
		}
		if (!this.currentUser.isAuthenticated() || !this.provider.equals(this.currentUser.provider())) {
			// a token from another provider would be useless to this API, and a leak
			throw new NotAuthenticatedException();
		}
		String token = (this.api != null) ? this.apis.tokens(this.api.name()).accessToken()
				: this.currentUser.tokens().accessToken();
		request.getHeaders().setBearerAuth(token);
		request.getHeaders().remove(HttpHeaders.COOKIE);
		ClientHttpResponse response = send(request, body, execution);
		if (response.getStatusCode().value() != 401) {
			return response;
		}
		List<String> challenges = response.getHeaders().getOrEmpty(HttpHeaders.WWW_AUTHENTICATE);
		if (StepUpChallenge.named(challenges)) {
			StepUpRequiredException stepUp = this.apis.stepUps().stepUpFor(challenges, apiName(request));
			if (stepUp != null) {
				response.close();
				throw stepUp;
			}
			// a new token would carry the same sign-in, and be refused the same way
			return response;
		}
		if (!this.cooldown.allowsRetry(heldToken(), token)) {
			// the API refused a token obtained moments ago: a new one would be refused
			// too, and each costs a grant at the provider
			return response;
		}
		// the API refused the token (revoked, or its clock runs ahead): one refresh and
		// one retry, never more
		response.close();
		request.getHeaders().setBearerAuth(this.apis.accessTokenAfterRefusal(token, this.api));
		return send(request, body, execution);
	}

	/** Sends the request; with a proof of the sign-in's key where its token is bound. */
	private ClientHttpResponse send(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		OAuth2AccessToken held = heldToken();
		String key = this.currentUser.user().dpopKey();
		DpopProofs proofs = this.dpop.get();
		if (proofs == null || key == null || held == null
				|| !OAuth2AccessToken.TokenType.DPOP.equals(held.getTokenType())) {
			return execution.execute(request, body);
		}
		return proofs.execute(key, request, body, execution);
	}

	/** The token the session record holds for this client's API, or the sign-in's. */
	private @Nullable OAuth2AccessToken heldToken() {
		SessionUser user = this.currentUser.user();
		return (this.api == null || this.api.grant() == ApiGrant.LOGIN) ? user.accessToken()
				: user.apiTokens().get(this.api.name());
	}

	private String apiName(HttpRequest request) {
		return (this.api != null) ? "'" + this.api.name() + "'" : origin(request.getURI());
	}

	private static String origin(URI url) {
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "");
	}

}
