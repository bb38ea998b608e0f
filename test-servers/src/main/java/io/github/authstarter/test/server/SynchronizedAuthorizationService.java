package io.github.authstarter.test.server;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Spring Authorization Server's in-memory store is not safe for concurrent use (a load
 * test of 1000 logins broke it with a {@code ConcurrentModificationException}); the test
 * provider serializes access to it. It also remembers every refresh token it saw and
 * which are still active, so tests can check that none leaked or survived a logout.
 */
final class SynchronizedAuthorizationService implements OAuth2AuthorizationService {

	private final OAuth2AuthorizationService delegate;

	private final Map<String, OAuth2Authorization> authorizations = new LinkedHashMap<>();

	private final Set<String> issuedRefreshTokens = new LinkedHashSet<>();

	SynchronizedAuthorizationService(OAuth2AuthorizationService delegate) {
		this.delegate = delegate;
	}

	@Override
	public synchronized void save(OAuth2Authorization authorization) {
		this.delegate.save(authorization);
		this.authorizations.put(authorization.getId(), authorization);
		if (authorization.getRefreshToken() != null) {
			this.issuedRefreshTokens.add(authorization.getRefreshToken().getToken().getTokenValue());
		}
	}

	@Override
	public synchronized void remove(OAuth2Authorization authorization) {
		this.delegate.remove(authorization);
		this.authorizations.remove(authorization.getId());
	}

	synchronized List<String> issuedRefreshTokens() {
		return List.copyOf(this.issuedRefreshTokens);
	}

	synchronized List<String> activeRefreshTokens(String principalName) {
		return this.authorizations.values()
			.stream()
			.filter((authorization) -> principalName.equals(authorization.getPrincipalName()))
			.map(OAuth2Authorization::getRefreshToken)
			.filter((token) -> token != null && token.isActive())
			.map((token) -> token.getToken().getTokenValue())
			.toList();
	}

	@Override
	public synchronized @Nullable OAuth2Authorization findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public synchronized @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		return this.delegate.findByToken(token, tokenType);
	}

}
