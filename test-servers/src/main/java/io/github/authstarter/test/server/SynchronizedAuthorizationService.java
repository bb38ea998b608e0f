package io.github.authstarter.test.server;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Spring Authorization Server's in-memory store is not safe for concurrent use (a load
 * test of 1000 logins broke it with a {@code ConcurrentModificationException}); the test
 * provider serializes access to it.
 */
final class SynchronizedAuthorizationService implements OAuth2AuthorizationService {

	private final OAuth2AuthorizationService delegate;

	SynchronizedAuthorizationService(OAuth2AuthorizationService delegate) {
		this.delegate = delegate;
	}

	@Override
	public synchronized void save(OAuth2Authorization authorization) {
		this.delegate.save(authorization);
	}

	@Override
	public synchronized void remove(OAuth2Authorization authorization) {
		this.delegate.remove(authorization);
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
