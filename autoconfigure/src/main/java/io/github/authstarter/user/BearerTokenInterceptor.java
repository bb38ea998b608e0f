package io.github.authstarter.user;

import java.io.IOException;
import java.net.URI;

import io.github.authstarter.token.ApiDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds {@code Authorization: Bearer} with the current user's access token, refreshed
 * first when it is about to expire, to requests of a client meant for one provider's
 * APIs, or for one configured API with that API's own token. An API's token goes only to
 * its {@code base-url}; a request elsewhere is refused before it is sent. A {@code 401}
 * from the API causes one refresh (single-flight) and one retry with the new token.
 */
final class BearerTokenInterceptor implements ClientHttpRequestInterceptor {

	private final CurrentUser currentUser;

	private final String provider;

	private final @Nullable ApiDefinition api;

	BearerTokenInterceptor(CurrentUser currentUser, String provider, @Nullable ApiDefinition api) {
		this.currentUser = currentUser;
		this.provider = provider;
		this.api = api;
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
		String token = (this.api != null) ? this.currentUser.tokens(this.api.name()).accessToken()
				: this.currentUser.tokens().accessToken();
		request.getHeaders().setBearerAuth(token);
		request.getHeaders().remove(HttpHeaders.COOKIE);
		ClientHttpResponse response = execution.execute(request, body);
		if (response.getStatusCode().value() != 401) {
			return response;
		}
		// the API refused the token (revoked, or its clock runs ahead): one refresh and
		// one retry, never more
		response.close();
		request.getHeaders().setBearerAuth(this.currentUser.accessTokenAfterRefusal(token, this.api));
		return execution.execute(request, body);
	}

	private static String origin(URI url) {
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "");
	}

}
