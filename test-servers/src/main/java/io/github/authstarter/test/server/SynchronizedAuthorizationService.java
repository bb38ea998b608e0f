package io.github.authstarter.test.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Spring Authorization Server's in-memory store is not safe for concurrent use (a load
 * test of 1000 logins broke it with a {@code ConcurrentModificationException}); the test
 * provider serializes access to it. It also remembers every refresh token it saw and
 * which are still active, so tests can check that none leaked or survived a logout.
 * <p>
 * The in-memory store finds a token by reading every authorization it holds, under this
 * class's lock: an hour of soak (tens of thousands of sign-ins) made each grant slower
 * than the clients' read timeout. Tokens are looked up in an index here instead.
 */
final class SynchronizedAuthorizationService implements OAuth2AuthorizationService {

	/** The types found through the index; any other is asked of the in-memory store. */
	private static final List<String> INDEXED = List.of(OAuth2ParameterNames.STATE, OAuth2ParameterNames.CODE,
			OAuth2ParameterNames.ACCESS_TOKEN, OAuth2ParameterNames.REFRESH_TOKEN, OidcParameterNames.ID_TOKEN);

	private final OAuth2AuthorizationService delegate;

	private final Map<String, OAuth2Authorization> authorizations = new LinkedHashMap<>();

	private final Set<String> issuedRefreshTokens = new LinkedHashSet<>();

	/** The authorization id of every token value and state an authorization holds. */
	private final Map<String, String> byToken = new HashMap<>();

	SynchronizedAuthorizationService(OAuth2AuthorizationService delegate) {
		this.delegate = delegate;
	}

	@Override
	public synchronized void save(OAuth2Authorization authorization) {
		this.delegate.save(authorization);
		OAuth2Authorization previous = this.authorizations.put(authorization.getId(), authorization);
		if (previous != null) {
			values(previous).forEach((value) -> this.byToken.remove(value, previous.getId()));
		}
		values(authorization).forEach((value) -> this.byToken.put(value, authorization.getId()));
		if (authorization.getRefreshToken() != null) {
			this.issuedRefreshTokens.add(authorization.getRefreshToken().getToken().getTokenValue());
		}
	}

	@Override
	public synchronized void remove(OAuth2Authorization authorization) {
		this.delegate.remove(authorization);
		OAuth2Authorization previous = this.authorizations.remove(authorization.getId());
		if (previous != null) {
			values(previous).forEach((value) -> this.byToken.remove(value, previous.getId()));
		}
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
		if (tokenType != null && !INDEXED.contains(tokenType.getValue())) {
			return this.delegate.findByToken(token, tokenType);
		}
		String id = this.byToken.get(token);
		OAuth2Authorization authorization = (id != null) ? this.authorizations.get(id) : null;
		if (authorization == null) {
			return null;
		}
		// the same answer as the in-memory store's: the value must be of the type asked
		// for
		return (tokenType == null || token.equals(value(authorization, tokenType.getValue()))) ? authorization : null;
	}

	private static List<String> values(OAuth2Authorization authorization) {
		List<String> values = new ArrayList<>();
		for (String type : INDEXED) {
			String value = value(authorization, type);
			if (value != null) {
				values.add(value);
			}
		}
		return values;
	}

	private static @Nullable String value(OAuth2Authorization authorization, String type) {
		OAuth2Authorization.Token<?> token = switch (type) {
			case OAuth2ParameterNames.CODE -> authorization.getToken(OAuth2AuthorizationCode.class);
			case OAuth2ParameterNames.ACCESS_TOKEN -> authorization.getAccessToken();
			case OAuth2ParameterNames.REFRESH_TOKEN -> authorization.getRefreshToken();
			case OidcParameterNames.ID_TOKEN -> authorization.getToken(OidcIdToken.class);
			default -> null;
		};
		if (token != null) {
			return token.getToken().getTokenValue();
		}
		return OAuth2ParameterNames.STATE.equals(type) ? authorization.getAttribute(OAuth2ParameterNames.STATE) : null;
	}

}
