package io.github.authstarter.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthenticationMethod;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Builds Spring Security's {@link ClientRegistration} from a definition and, when
 * discovery ran, the provider's metadata; what the user set explicitly always wins.
 */
final class ClientRegistrationFactory {

	/** The endpoints a client calls over the back channel, which mutual TLS may alias. */
	private static final List<String> MTLS_ENDPOINTS = List.of("token_endpoint", "userinfo_endpoint",
			"revocation_endpoint", "pushed_authorization_request_endpoint", "introspection_endpoint");

	private ClientRegistrationFactory() {
	}

	static ClientRegistration create(ProviderDefinition definition, @Nullable Map<String, Object> discovered) {
		Map<String, Object> metadata = mutualTls(definition) ? withAliases(discovered) : discovered;
		ProviderEndpoints endpoints = (metadata != null)
				? fromMetadata(metadata).overriddenBy(withoutIssuer(definition.endpoints())) : definition.endpoints();
		Map<String, Object> configuration = new LinkedHashMap<>((metadata != null) ? metadata : Map.of());
		putIfKnown(configuration, "issuer", endpoints.issuer());
		putIfKnown(configuration, "end_session_endpoint", endpoints.endSession());
		putIfKnown(configuration, "revocation_endpoint", endpoints.revocation());
		return ClientRegistration.withRegistrationId(definition.registrationId())
			.clientName(definition.displayName())
			.clientId(definition.clientId())
			.clientSecret(definition.clientSecret())
			.clientAuthenticationMethod(clientAuthenticationMethod(definition, metadata))
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(definition.redirectUri())
			.scope(definition.scopes())
			.authorizationUri(endpoints.authorization())
			.tokenUri(endpoints.token())
			.userInfoUri(endpoints.userInfo())
			.userInfoAuthenticationMethod(AuthenticationMethod.HEADER)
			.userNameAttributeName(definition.userNameAttribute())
			.jwkSetUri(endpoints.jwkSet())
			// a templated issuer is checked per token by TemplatedIssuerValidator
			.issuerUri(endpoints.templatedIssuer() ? null : endpoints.issuer())
			.providerConfigurationMetadata(configuration)
			.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(definition.pkce()).build())
			.build();
	}

	private static boolean mutualTls(ProviderDefinition definition) {
		ClientAuthenticationMethod method = definition.clientAuthenticationMethod();
		return ClientAuthenticationMethod.TLS_CLIENT_AUTH.equals(method)
				|| ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH.equals(method);
	}

	/**
	 * RFC 8705 section 5: a client that authenticates with its certificate sends its
	 * back-channel requests to the endpoints the provider lists for mutual TLS, where
	 * they differ from the others; what the user configured explicitly still wins.
	 */
	private static @Nullable Map<String, Object> withAliases(@Nullable Map<String, Object> metadata) {
		if (metadata == null || !(metadata.get("mtls_endpoint_aliases") instanceof Map<?, ?> aliases)) {
			return metadata;
		}
		Map<String, Object> aliased = new LinkedHashMap<>(metadata);
		for (String endpoint : MTLS_ENDPOINTS) {
			if (aliases.get(endpoint) instanceof String alias && alias.startsWith("https://")) {
				aliased.put(endpoint, alias);
			}
		}
		return aliased;
	}

	/** The user's issuer is only a discovery location; the document names the issuer. */
	private static ProviderEndpoints withoutIssuer(ProviderEndpoints endpoints) {
		return ProviderEndpoints.builder()
			.authorization(endpoints.authorization())
			.token(endpoints.token())
			.userInfo(endpoints.userInfo())
			.jwkSet(endpoints.jwkSet())
			.endSession(endpoints.endSession())
			.revocation(endpoints.revocation())
			.build();
	}

	static ProviderEndpoints fromMetadata(Map<String, Object> metadata) {
		return ProviderEndpoints.builder()
			.issuer(string(metadata, "issuer"))
			.authorization(string(metadata, "authorization_endpoint"))
			.token(string(metadata, "token_endpoint"))
			.userInfo(string(metadata, "userinfo_endpoint"))
			.jwkSet(string(metadata, "jwks_uri"))
			.endSession(string(metadata, "end_session_endpoint"))
			.revocation(string(metadata, "revocation_endpoint"))
			.build();
	}

	private static ClientAuthenticationMethod clientAuthenticationMethod(ProviderDefinition definition,
			@Nullable Map<String, Object> metadata) {
		if (definition.clientAuthenticationMethod() != null) {
			return definition.clientAuthenticationMethod();
		}
		if (definition.clientSecret() == null) {
			return ClientAuthenticationMethod.NONE;
		}
		if (definition.preset() == ProviderPreset.APPLE) {
			return ClientAuthenticationMethod.CLIENT_SECRET_POST;
		}
		Object supported = (metadata != null) ? metadata.get("token_endpoint_auth_methods_supported") : null;
		if (supported instanceof List<?> methods && !methods.contains("client_secret_basic")
				&& methods.contains("client_secret_post")) {
			return ClientAuthenticationMethod.CLIENT_SECRET_POST;
		}
		return ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
	}

	private static @Nullable String string(Map<String, Object> metadata, String name) {
		return (metadata.get(name) instanceof String value) ? value : null;
	}

	private static void putIfKnown(Map<String, Object> configuration, String name, @Nullable String value) {
		if (value != null) {
			configuration.put(name, value);
		}
	}

}
