package io.github.authstarter.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.session.TokenCipher;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * The {@code auth} actuator endpoint: the configured providers and their state as the
 * application knows it (no network call), and whether tokens are encrypted at rest. No
 * client secrets, no tokens.
 */
@Endpoint(id = "auth")
public final class AuthEndpoint {

	private final ProviderRegistrations registrations;

	private final TokenCipher cipher;

	/**
	 * Creates the endpoint.
	 * @param registrations the providers
	 * @param cipher the session token cipher
	 */
	public AuthEndpoint(ProviderRegistrations registrations, TokenCipher cipher) {
		this.registrations = registrations;
		this.cipher = cipher;
	}

	@ReadOperation
	public Map<String, Object> auth() {
		List<Map<String, Object>> providers = new ArrayList<>();
		for (ProviderDefinition definition : this.registrations.definitions()) {
			Map<String, Object> provider = new LinkedHashMap<>();
			provider.put("id", definition.registrationId());
			provider.put("displayName", definition.displayName());
			provider.put("preset", (definition.preset() != null) ? definition.preset().name().toLowerCase() : null);
			provider.put("openId", definition.openId());
			ClientRegistration registration = this.registrations.findIfResolved(definition.registrationId());
			String failure = this.registrations.discoveryFailure(definition.registrationId());
			provider.put("state", (registration != null) ? "resolved" : (failure != null) ? "unreachable" : "pending");
			if (registration != null) {
				provider.put("issuer", registration.getProviderDetails().getIssuerUri());
				provider.put("endSession",
						registration.getProviderDetails()
							.getConfigurationMetadata()
							.get("end_session_endpoint") != null);
			}
			if (failure != null) {
				provider.put("lastFailure", failure);
			}
			providers.add(provider);
		}
		Map<String, Object> auth = new LinkedHashMap<>();
		auth.put("providers", providers);
		auth.put("tokensEncryptedAtRest", this.cipher.encrypts());
		return auth;
	}

}
