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
 * APIs. Only add it to clients whose hosts should see the user's token. A {@code 401}
 * from the API causes one refresh (single-flight) and one retry with the new token.
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
		String token = this.currentUser.tokens().accessToken();
		request.getHeaders().setBearerAuth(token);
		request.getHeaders().remove(HttpHeaders.COOKIE);
		ClientHttpResponse response = execution.execute(request, body);
		if (response.getStatusCode().value() != 401) {
			return response;
		}
		// the API refused the token (revoked, or its clock runs ahead): one refresh and
		// one retry, never more
		response.close();
		request.getHeaders().setBearerAuth(this.currentUser.accessTokenAfterRefusal(token));
		return execution.execute(request, body);
	}

}
