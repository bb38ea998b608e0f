package io.github.authstarter.user;

import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.token.ApiDefinition;
import io.github.authstarter.token.ProviderApis;
import io.github.authstarter.token.TokenRefresher;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * Calling APIs as the signed-in user: {@code currentUser.apis()}. Every token is the
 * user's current one, refreshed single-flight across instances, and goes only to where it
 * belongs.
 */
public final class UserApis {

	private final CurrentUser currentUser;

	private final TokenRefresher refresher;

	private final TokenExposure exposure;

	private final ProviderApis apis;

	private final ProviderHttpClients http;

	private final RetryCooldown retryCooldown;

	private final ApiStepUps stepUps;

	UserApis(CurrentUser currentUser, TokenRefresher refresher, TokenExposure exposure, ProviderApis apis,
			ProviderHttpClients http, RetryCooldown retryCooldown, ApiStepUps stepUps) {
		this.currentUser = currentUser;
		this.refresher = refresher;
		this.exposure = exposure;
		this.apis = apis;
		this.http = http;
		this.retryCooldown = retryCooldown;
		this.stepUps = stepUps;
	}

	/**
	 * A {@code RestClient} builder for one API
	 * ({@code auth.providers.<provider>.apis.<api>}) with its {@code base-url},
	 * {@link #bearerToken(String, String)} and an HTTP client that never follows
	 * redirects: one that does sends the {@code Authorization} header to wherever the API
	 * redirects, another host included, so a redirect is handed to the caller instead.
	 * The client is Boot's JDK client with the application's HTTP client settings (not
	 * its customizers, which could turn redirects back on), the provider's SSL bundle and
	 * observations; connect timeout 5 s, read timeout 30 s. Replacing the request factory
	 * gives up that protection.
	 * @param provider the provider the user signed in with
	 * @param api the API's name
	 * @return the builder, ready to {@code build()} or to customize
	 * @throws IllegalArgumentException when the provider has no such API
	 */
	public RestClient.Builder client(String provider, String api) {
		ApiDefinition definition = this.apis.get(provider, api);
		return this.http.apiClientBuilder(provider, api)
			.baseUrl(definition.baseUrl().toString())
			.requestInterceptor(new BearerTokenInterceptor(this.currentUser, this, provider, definition,
					this.retryCooldown, this.http::dpop));
	}

	/**
	 * An interceptor for a {@code RestClient} that calls one API
	 * ({@code auth.providers.<provider>.apis.<api>}) with that API's own token. The token
	 * goes only to the API's {@code base-url}: a request to any other scheme, host, port
	 * or path is refused before it is sent. An API's {@code 401} causes one refresh and
	 * one retry, unless the token is younger than {@code auth.apis.retry-cooldown}; one
	 * that asks for a stronger sign-in or for claims throws a
	 * {@link StepUpRequiredException} instead, which the starter answers.
	 * @param provider the provider the user signed in with
	 * @param api the API's name
	 * @return the interceptor
	 * @throws IllegalArgumentException when the provider has no such API
	 */
	public ClientHttpRequestInterceptor bearerToken(String provider, String api) {
		return new BearerTokenInterceptor(this.currentUser, this, provider, this.apis.get(provider, api),
				this.retryCooldown, this.http::dpop);
	}

	/**
	 * An interceptor for a {@code RestClient} that calls a provider's own APIs with the
	 * sign-in's access token:
	 * {@code RestClient.builder().requestInterceptor(currentUser.apis().bearerToken("microsoft"))}.
	 * A request made for a user who signed in with another provider, or for nobody, fails
	 * with {@link NotAuthenticatedException}.
	 * @param provider the provider whose tokens the API accepts
	 * @return the interceptor
	 */
	public ClientHttpRequestInterceptor bearerToken(String provider) {
		return new BearerTokenInterceptor(this.currentUser, this, provider, null, this.retryCooldown, this.http::dpop);
	}

	/**
	 * An interceptor to add after Spring Security's
	 * {@code OAuth2ClientHttpRequestInterceptor} (or anything else that sends the user's
	 * token as {@code Bearer}) where the provider binds tokens with DPoP:
	 * {@code .requestInterceptor(new OAuth2ClientHttpRequestInterceptor(manager)).requestInterceptor(currentUser.apis().dpopProofs())}.
	 * A token the signed-in user's session holds as bound to the sign-in's key goes as
	 * {@code Authorization: DPoP} with a proof of the key, and a resource server's nonce
	 * demand gets one retry; any other request goes unchanged. Only on a request of the
	 * signed-in user.
	 * @return the interceptor
	 */
	public ClientHttpRequestInterceptor dpopProofs() {
		return new DpopProofInterceptor(this.currentUser, this.http::dpop, this.apis);
	}

	/**
	 * The user's tokens for one API of the provider the user signed in with:
	 * {@link UserTokens#accessToken()} is that API's token, obtained on first use and
	 * refreshed single-flight across instances.
	 * @param api the API's name
	 * @return the token view
	 * @throws IllegalArgumentException when the user's provider has no such API
	 * @throws ConsentRequiredException (from {@code accessToken()}) when the user must
	 * grant the API first
	 */
	public UserTokens tokens(String api) {
		SessionUser user = this.currentUser.user();
		return new UserTokens(this.currentUser.request(), user, this.refresher, this.exposure,
				this.apis.get(user.provider(), api));
	}

	/** Decides what an API's step-up challenge leads to. */
	ApiStepUps stepUps() {
		return this.stepUps;
	}

	/**
	 * A fresh token for an API, or for the sign-in when {@code api} is {@code null},
	 * after the API refused this one ({@code 401}): a refresh, single-flight across
	 * instances, unless another request already replaced the refused token, whose
	 * replacement is then used.
	 */

	String accessTokenAfterRefusal(String refused, @Nullable ApiDefinition api) {
		SessionUser user = this.currentUser.user();
		if (api != null) {
			return UserTokens.apiToken(this.currentUser.request(), user, this.refresher, api, refused).getTokenValue();
		}
		if (!user.accessToken().getTokenValue().equals(refused)) {
			return user.accessToken().getTokenValue();
		}
		// not forced: when another instance refreshed meanwhile its tokens are adopted
		return this.refresher.refresh(this.currentUser.request(), user, false).accessToken().getTokenValue();
	}

}
