package io.github.authstarter.provider;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * Holds the providers with a security profile ({@code auth.providers.<id>.profile}) to
 * it: before a login starts, the provider's metadata must offer everything the profile
 * needs, or the login is refused naming what is missing; and only the profile's
 * algorithms are accepted on the provider's ID tokens. The modes the profile forces (PAR
 * and DPoP required) are decided where the properties are read.
 */
public final class ProviderProfiles {

	private static final Log logger = LogFactory.getLog(ProviderProfiles.class);

	/** Not a FAPI 2.0 algorithm, but what OIDC Core makes every provider support. */
	private static final Set<SignatureAlgorithm> STANDARD = Set.of(SignatureAlgorithm.RS256);

	/** FAPI 2.0 section 5.4: PS256 and ES256 (EdDSA is not in Spring Security's set). */
	private static final Set<SignatureAlgorithm> FAPI2 = Set.of(SignatureAlgorithm.PS256, SignatureAlgorithm.ES256);

	/** No profile at all. */
	public static final ProviderProfiles NONE = new ProviderProfiles(Map.of());

	private final Map<String, ProviderProfile> profiles;

	/** What each provider's client key signs with: ES256, or PS256 for an RSA key. */
	private final Map<String, String> clientAlgorithms;

	/** The mutual-TLS method of the providers whose clients use one, by id. */
	private final Map<String, String> mutualTls;

	/** Providers already warned about, one line each: bounded by the configured ones. */
	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the profiles.
	 * @param profiles each provider's profile, by id; providers without one are absent
	 */
	public ProviderProfiles(Map<String, ProviderProfile> profiles) {
		this(profiles, Map.of());
	}

	/**
	 * Creates the profiles, knowing what each provider's client key signs with.
	 * @param profiles each provider's profile, by id; providers without one are absent
	 * @param clientAlgorithms the algorithm of each provider's client key (ES256 when
	 * absent), which its request objects must be accepted with
	 */
	public ProviderProfiles(Map<String, ProviderProfile> profiles, Map<String, String> clientAlgorithms) {
		this(profiles, clientAlgorithms, Map.of());
	}

	/**
	 * Creates the profiles, knowing how each provider's client authenticates.
	 * @param profiles each provider's profile, by id; providers without one are absent
	 * @param clientAlgorithms the algorithm of each provider's client key (ES256 when
	 * absent)
	 * @param mutualTls the mutual-TLS method ({@code tls_client_auth} or
	 * {@code self_signed_tls_client_auth}) of the providers whose clients use one: their
	 * tokens are bound to the certificate, not to a DPoP key
	 */
	public ProviderProfiles(Map<String, ProviderProfile> profiles, Map<String, String> clientAlgorithms,
			Map<String, String> mutualTls) {
		this.profiles = Map.copyOf(profiles);
		this.clientAlgorithms = Map.copyOf(clientAlgorithms);
		this.mutualTls = Map.copyOf(mutualTls);
	}

	/**
	 * The provider's profile.
	 * @param registrationId the provider id
	 * @return its profile, or {@code null}
	 */
	public @Nullable ProviderProfile of(String registrationId) {
		return this.profiles.get(registrationId);
	}

	/**
	 * Refuses a login start whose provider's metadata lacks what its profile needs.
	 * @param registration the provider's registration
	 * @throws ProviderProfileUnmetException naming what is missing
	 */
	public void check(ClientRegistration registration) {
		String id = registration.getRegistrationId();
		ProviderProfile profile = of(id);
		if (profile == null) {
			return;
		}
		List<String> missing = missing(registration.getProviderDetails().getConfigurationMetadata(), profile,
				this.clientAlgorithms.getOrDefault(id, "ES256"), this.mutualTls.get(id));
		if (this.mutualTls.containsKey(id)) {
			// an endpoint that does not ask for the certificate would take the call as a
			// public client's, and issue unbound tokens
			String token = registration.getProviderDetails().getTokenUri();
			Object par = registration.getProviderDetails()
				.getConfigurationMetadata()
				.get("pushed_authorization_request_endpoint");
			if (token == null || !ClientRegistrationFactory.httpsWithHost(token)
					|| (par instanceof String value && !ClientRegistrationFactory.httpsWithHost(value))) {
				missing.add("https token and PAR endpoints for mutual TLS (mtls_endpoint_aliases)");
			}
		}
		if (missing.isEmpty()) {
			return;
		}
		if (this.warned.add(id)) {
			logger.warn("Provider '" + id + "' cannot meet auth.providers." + id + ".profile ("
					+ ((profile == ProviderProfile.FAPI2) ? "fapi2" : "fapi2-message-signing")
					+ "): its metadata lacks " + String.join(", ", missing)
					+ "; its logins are refused (503) until it offers them");
		}
		throw new ProviderProfileUnmetException(id, missing);
	}

	/**
	 * Refuses a login whose request was not signed although its provider's profile signs
	 * every one: whatever signs requests (an application's own signer included), nothing
	 * weaker goes out.
	 * @param registrationId the provider id
	 * @param signed whether the request carries a request object
	 * @throws ProviderProfileUnmetException when the profile needs it signed
	 */
	public void checkSigned(String registrationId, boolean signed) {
		if (!signed && of(registrationId) == ProviderProfile.FAPI2_MESSAGE_SIGNING) {
			throw new ProviderProfileUnmetException(registrationId, List.of("a signed request object (JAR)"));
		}
	}

	/**
	 * The algorithms accepted on a provider's ID tokens.
	 * @param registrationId the provider id
	 * @return the profile's (PS256 and ES256) under a FAPI 2.0 profile, else RS256 only
	 */
	public Set<SignatureAlgorithm> idTokenAlgorithms(String registrationId) {
		return (of(registrationId) != null) ? FAPI2 : STANDARD;
	}

	private static List<String> missing(Map<String, Object> metadata, ProviderProfile profile, String algorithm,
			@Nullable String mutualTls) {
		List<String> missing = new ArrayList<>();
		if (!(metadata.get("pushed_authorization_request_endpoint") instanceof String par) || par.isBlank()) {
			missing.add("pushed_authorization_request_endpoint");
		}
		if (!lists(metadata.get("id_token_signing_alg_values_supported"), "PS256")
				&& !lists(metadata.get("id_token_signing_alg_values_supported"), "ES256")) {
			// the whole login would be for an ID token that is then refused
			missing.add("id_token_signing_alg_values_supported (PS256 or ES256)");
		}
		Object certificateBound = metadata.get("tls_client_certificate_bound_access_tokens");
		if (mutualTls != null && !Boolean.TRUE.equals(certificateBound) && !"true".equals(certificateBound)) {
			// RFC 8705 section 3: tokens bound to the client's certificate instead
			missing.add("tls_client_certificate_bound_access_tokens (true)");
		}
		if (mutualTls == null && !lists(metadata.get("dpop_signing_alg_values_supported"), "ES256")) {
			missing.add("dpop_signing_alg_values_supported (ES256)");
		}
		if (!lists(metadata.get("code_challenge_methods_supported"), "S256")) {
			missing.add("code_challenge_methods_supported (S256)");
		}
		Object iss = metadata.get("authorization_response_iss_parameter_supported");
		if (!Boolean.TRUE.equals(iss) && !"true".equals(iss)) {
			missing.add("authorization_response_iss_parameter_supported (true)");
		}
		String method = (mutualTls != null) ? mutualTls : "private_key_jwt";
		if (!lists(metadata.get("token_endpoint_auth_methods_supported"), method)) {
			missing.add("token_endpoint_auth_methods_supported (" + method + ")");
		}
		if (profile == ProviderProfile.FAPI2_MESSAGE_SIGNING) {
			// the request object is signed as the client assertions are
			if (!lists(metadata.get("request_object_signing_alg_values_supported"), algorithm)) {
				missing.add("request_object_signing_alg_values_supported (" + algorithm + ")");
			}
			if (!lists(metadata.get("authorization_signing_alg_values_supported"), "PS256")
					&& !lists(metadata.get("authorization_signing_alg_values_supported"), "ES256")) {
				missing.add("authorization_signing_alg_values_supported (PS256 or ES256)");
			}
		}
		return missing;
	}

	private static boolean lists(@Nullable Object values, String value) {
		return values instanceof Collection<?> collection && collection.contains(value);
	}

}
