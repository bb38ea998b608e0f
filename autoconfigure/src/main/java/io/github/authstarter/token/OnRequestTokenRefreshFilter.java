package io.github.authstarter.token;

import java.io.IOException;

import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With {@code auth.refresh.on-request}, refreshes an expiring access token on every
 * signed-in request, not only when code asks for a token, so the session's tokens and
 * claims stay current for pages that only read claims. A refused refresh token leaves the
 * request anonymous (the session record is gone), so it continues to the normal login
 * handling; an unreachable provider leaves the tokens as they are.
 */
public final class OnRequestTokenRefreshFilter extends OncePerRequestFilter {

	private final SessionUserStore store;

	private final TokenRefresher refresher;

	/**
	 * Creates the filter.
	 * @param store the session record store
	 * @param refresher the refresher
	 */
	public OnRequestTokenRefreshFilter(SessionUserStore store, TokenRefresher refresher) {
		this.store = store;
		this.refresher = refresher;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SessionUser user = this.store.read(request);
		if (user != null && this.refresher.expiring(user)) {
			try {
				this.refresher.refreshIfExpiring(request, user);
			}
			catch (ReauthenticationRequiredException | TokenRefreshUnavailableException | NoRefreshTokenException ex) {
				// handled by the login flow or by the code that needs the token
			}
		}
		chain.doFilter(request, response);
	}

}
