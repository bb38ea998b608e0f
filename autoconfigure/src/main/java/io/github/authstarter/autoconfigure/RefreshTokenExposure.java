package io.github.authstarter.autoconfigure;

import java.util.Map;
import java.util.function.Predicate;

import io.github.authstarter.user.TokenKind;
import org.jspecify.annotations.Nullable;

/**
 * Whether a provider's refresh token may reach application code: only when its
 * {@code auth.providers.<id>.expose-tokens} lists {@code refresh}.
 */
final class RefreshTokenExposure {

	private RefreshTokenExposure() {
	}

	static Predicate<String> of(AuthProperties properties, @Nullable StoredProviders stored) {
		Map<String, AuthProviderProperties> providers = ProviderSettingMap.of(properties.getProviders(), stored,
				CompiledProvider::settings);
		return (provider) -> {
			AuthProviderProperties settings = providers.get(provider);
			return settings != null && settings.getExposeTokens().contains(TokenKind.REFRESH);
		};
	}

}
