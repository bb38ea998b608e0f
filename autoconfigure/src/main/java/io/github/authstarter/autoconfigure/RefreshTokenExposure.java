package io.github.authstarter.autoconfigure;

import java.util.function.Predicate;

import io.github.authstarter.user.TokenKind;

/**
 * Whether a provider's refresh token may reach application code: only when its
 * {@code auth.providers.<id>.expose-tokens} lists {@code refresh}.
 */
final class RefreshTokenExposure {

	private RefreshTokenExposure() {
	}

	static Predicate<String> of(AuthProperties properties) {
		return (provider) -> {
			AuthProviderProperties settings = properties.getProviders().get(provider);
			return settings != null && settings.getExposeTokens().contains(TokenKind.REFRESH);
		};
	}

}
