package io.github.authstarter.user;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds {@code Authorization: Bearer} with the current user's access token, refreshed
 * first when it is about to expire, to requests of a client meant for one provider's
 * APIs. Only add it to clients whose hosts should see the user's token.
 */
final class BearerTokenInterceptor implements ClientHttpRequestInterceptor {

	private final CurrentUser currentUser;

	private final String provider;

	BearerTokenInterceptor(CurrentUser currentUser, String provider) {
		this.currentUser = currentUser;
		this.provider = provider;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.currentUser.isAuthenticated() || !this.provider.equals(this.currentUser.provider())) {
			// a token from another provider would be useless to this API, and a leak
			throw new NotAuthenticatedException();
		}
		request.getHeaders().setBearerAuth(this.currentUser.tokens().accessToken());
		request.getHeaders().remove(HttpHeaders.COOKIE);
		return execution.execute(request, body);
	}

}
