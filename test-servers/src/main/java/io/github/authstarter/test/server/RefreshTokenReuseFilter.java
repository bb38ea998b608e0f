package io.github.authstarter.test.server;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refresh-token reuse detection, as Keycloak and Okta do it under rotation: a refresh
 * token that was already exchanged for a new one, presented again, is a sign that it
 * leaked (or that a client raced itself), so the whole family (the authorization it
 * belongs to, with its current tokens) is revoked. Every reuse is counted, and every
 * family revoked, so a test can prove a client never reuses one.
 */
final class RefreshTokenReuseFilter extends OncePerRequestFilter {

	private final TestOpenIdProvider provider;

	RefreshTokenReuseFilter(TestOpenIdProvider provider) {
		this.provider = provider;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && request.getRequestURI().equals("/oauth2/token")
				&& "refresh_token".equals(request.getParameter("grant_type")));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getParameter("refresh_token");
		if (presented == null || this.provider.reuseRefreshTokens()) {
			chain.doFilter(request, response);
			return;
		}
		OAuth2AuthorizationService authorizations = this.provider.authorizations();
		Instant received = Instant.now();
		OAuth2Authorization authorization = authorizations.findByToken(presented, OAuth2TokenType.REFRESH_TOKEN);
		TestOpenIdProvider.Retired claim = (authorization != null) ? new TestOpenIdProvider.Retired(
				authorization.getId(), authorization.getPrincipalName(), received, null) : null;
		// claimed before the grant runs: a second grant with the same token while the
		// first is still running is a reuse too, not a race the store happens to decide
		TestOpenIdProvider.Retired retired = (claim != null) ? this.provider.claimRefreshToken(presented, claim)
				: this.provider.retiredRefreshToken(presented);
		if (retired != null) {
			this.provider.refreshTokenReuseCounter().incrementAndGet();
			this.provider.logReuse(retired);
			OAuth2Authorization current = authorizations.findById(retired.family());
			if (this.provider.detectsRefreshTokenReuse() && current != null) {
				authorizations.remove(current);
				this.provider.revokedFamilyCounter().incrementAndGet();
			}
			response.setStatus(400);
			response.setContentType("application/json");
			response.getWriter()
				.write("{\"error\":\"invalid_grant\",\"error_description\":\"the refresh token was used before\"}");
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (claim != null && response.getStatus() == 200) {
				// rotated: this one is spent from now on
				this.provider.retireRefreshToken(presented, claim);
				this.provider.countRefreshGrant(authorization);
			}
			else if (claim != null) {
				this.provider.releaseRefreshToken(presented, claim);
			}
		}
	}

}
