package io.github.authstarter.autoconfigure;

import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import io.github.authstarter.access.AuthorityRules;
import io.github.authstarter.access.SignInRules;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.tenant.StoredProvider;
import io.github.authstarter.token.ApiDefinition;
import org.jspecify.annotations.Nullable;

/**
 * A stored provider's definition turned into what the starter's parts ask for by id, the
 * same way {@code auth.providers.*} are at startup.
 *
 * @param summary the provider's id, tenant, state and version
 * @param settings its settings, bound as properties
 * @param definition its definition
 * @param authorityRules how its claims become authorities
 * @param signInRules who may sign in through it
 * @param apis the APIs called with its tokens
 * @param assertionKey the key of {@code client_secret_jwt}, or {@code null}
 * @param compiledAt when it was compiled, in the starter clock's milliseconds
 */
record CompiledProvider(StoredProvider.Summary summary, AuthProviderProperties settings, ProviderDefinition definition,
		AuthorityRules authorityRules, SignInRules signInRules, List<ApiDefinition> apis, @Nullable JWK assertionKey,
		long compiledAt) {

	String id() {
		return this.summary.id();
	}

	@Override
	public String toString() {
		// the settings and the assertion key hold the client secret
		return "CompiledProvider[" + this.summary.id() + ", version " + this.summary.version() + "]";
	}

}
