package io.github.authstarter.user;

import java.util.Map;
import java.util.Set;

/**
 * Which tokens each provider's users may see beyond the server: {@code id},
 * {@code access} and {@code refresh}. The JSON endpoint shows exactly these; Java code
 * always gets the id and access tokens, and the refresh token only when listed.
 *
 * @param byProvider the exposed token kinds by provider id
 */
public record TokenExposure(Map<String, Set<TokenKind>> byProvider) {

	/**
	 * Whether a kind of token of a provider is exposed.
	 * @param provider the provider id
	 * @param kind the kind of token
	 * @return whether it is listed in {@code expose-tokens}
	 */
	public boolean exposes(String provider, TokenKind kind) {
		return this.byProvider.getOrDefault(provider, Set.of()).contains(kind);
	}

}
