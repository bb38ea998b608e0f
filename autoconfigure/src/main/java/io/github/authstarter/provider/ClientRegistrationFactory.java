package io.github.authstarter.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

	private static final Log logger = LogFactory.getLog(ClientRegistrationFactory.class);

	private ClientRegistrationFactory() {
	}

	static ClientRegistration create(ProviderDefinition definition, @Nullable Map<String, Object> discovered) {
		Map<String, Object> aliases = mutualTls(definition) ? aliases(definition.registrationId(), discovered)
				: Map.of();
		Map<String, Object> metadata = discovered;
		if (discovered != null && !aliases.isEmpty()) {
			metadata = new LinkedHashMap<>(discovered);
			metadata.putAll(aliases);
		}
		ProviderEndpoints endpoints = (metadata != null)
				? fromMetadata(metadata).overriddenBy(withoutIssuer(definition.endpoints())) : definition.endpoints();
		// an alias wins over a preset's endpoint and a configured one alike: the others
		// do not ask for the certificate; an endpoint without an alias stays as it was
		endpoints = endpoints.overriddenBy(ProviderEndpoints.builder()
			.token(string(aliases, "token_endpoint"))
			.userInfo(string(aliases, "userinfo_endpoint"))
			.revocation(string(aliases, "revocation_endpoint"))
			.build());
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
	 * they differ from the others. Only absolute https URLs with a host are taken; any
	 * other alias is left out, and said.
	 */
	private static Map<String, Object> aliases(String id, @Nullable Map<String, Object> metadata) {
		if (metadata == null || !(metadata.get("mtls_endpoint_aliases") instanceof Map<?, ?> aliases)) {
			return Map.of();
		}
		Map<String, Object> aliased = new LinkedHashMap<>();
		for (String endpoint : MTLS_ENDPOINTS) {
			Object alias = aliases.get(endpoint);
			if (alias == null) {
				continue;
			}
			if (alias instanceof String value && httpsWithHost(value)) {
				aliased.put(endpoint, value);
			}
			else {
				logger.warn("Provider '" + id + "' lists an mtls_endpoint_aliases." + endpoint
						+ " that is no https URL; the endpoint is used without its alias");
			}
		}
		return aliased;
	}

	/**
	 * Whether a URL is absolute https with a host (the scheme in any case).
	 * @param value the URL
	 * @return whether it is
	 */
	static boolean httpsWithHost(String value) {
		try {
			URI uri = new URI(value);
			return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty();
		}
		catch (URISyntaxException ex) {
			return false;
		}
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
