package io.github.authstarter.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.AbstractRestClientOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.NimbusJwtClientAuthenticationParametersConverter;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.util.MultiValueMap;

/**
 * How the client authenticates at a provider's endpoints: the client secret (basic or in
 * the form), or a client assertion (RFC 7523) signed with the client's private key
 * ({@code private_key_jwt}) or its secret ({@code client_secret_jwt}), with a fresh
 * {@code jti}, a one-minute lifetime and the audience the provider wants. Spring
 * Security's token response clients get Spring's own assertion converter; the endpoints
 * the starter calls itself (revocation, pushed authorization requests) get the same
 * assertion through Spring's {@link NimbusJwtEncoder}.
 */
public final class ClientCredentials {

	/** No assertion keys: secrets only. */
	public static final ClientCredentials NONE = new ClientCredentials(Map.of(), Map.of(), Set.of(), Clock.systemUTC());

	private static final Duration LIFETIME = Duration.ofSeconds(60);

	private final Map<String, JWK> keys;

	private final Map<String, ClientAssertionAudience> audiences;

	/** The providers whose RSA keys sign PS256 (a FAPI 2.0 profile), not RS256. */
	private final Set<String> probabilistic;

	private final Clock clock;

	/**
	 * Creates the credentials.
	 * @param keys the key each provider signs its assertions with, by provider id (a
	 * private key for {@code private_key_jwt}, the secret for {@code client_secret_jwt})
	 * @param audiences the assertion audience of each provider, as
	 * {@link ClientAssertionAudience#of} chose it; the token endpoint for one not listed
	 */
	public ClientCredentials(Map<String, JWK> keys, Map<String, ClientAssertionAudience> audiences) {
		this(keys, audiences, Set.of(), Clock.systemUTC());
	}

	/**
	 * Creates the credentials, stamping assertions with the given clock.
	 * @param keys the key each provider signs its assertions with, by provider id
	 * @param audiences the assertion audience of each provider
	 * @param ps256 the providers whose RSA key signs PS256 (FAPI 2.0 allows no RS256)
	 * @param clock the clock of the assertions' issue and expiry times
	 */
	public ClientCredentials(Map<String, JWK> keys, Map<String, ClientAssertionAudience> audiences, Set<String> ps256,
			Clock clock) {
		// a view, not a copy: providers of a store are looked up at each use
		this.keys = Collections.unmodifiableMap(keys);
		this.audiences = Collections.unmodifiableMap(audiences);
		this.probabilistic = Set.copyOf(ps256);
		this.clock = clock;
	}

	/**
	 * Adds client assertions to one of Spring Security's token response clients; a
	 * provider that authenticates with its secret is left to Spring.
	 * @param <T> the grant request type
	 * @param client the client
	 */
	public <T extends AbstractOAuth2AuthorizationGrantRequest> void configure(
			AbstractRestClientOAuth2AccessTokenResponseClient<T> client) {
		NimbusJwtClientAuthenticationParametersConverter<T> assertions = new NimbusJwtClientAuthenticationParametersConverter<>(
				this::key);
		assertions.setJwtClientAssertionCustomizer(
				(context) -> customize(context.getAuthorizationGrantRequest().getClientRegistration(),
						context.getHeaders(), context.getClaims()));
		client.addParametersConverter(assertions);
	}

	/**
	 * Authenticates a request the starter sends itself (token revocation, a pushed
	 * authorization request) as the registration's method says.
	 * @param registration the provider
	 * @param headers the request's headers
	 * @param form the request's form parameters
	 */
	public void authenticate(ClientRegistration registration, HttpHeaders headers, MultiValueMap<String, String> form) {
		ClientAuthenticationMethod method = registration.getClientAuthenticationMethod();
		if (ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)) {
			headers.setBasicAuth(encoded(registration.getClientId()), encoded(registration.getClientSecret()));
			return;
		}
		form.set(OAuth2ParameterNames.CLIENT_ID, registration.getClientId());
		if (ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method)) {
			form.set(OAuth2ParameterNames.CLIENT_SECRET, registration.getClientSecret());
		}
		else if (ClientAuthenticationMethod.PRIVATE_KEY_JWT.equals(method)
				|| ClientAuthenticationMethod.CLIENT_SECRET_JWT.equals(method)) {
			form.set(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE,
					"urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
			form.set(OAuth2ParameterNames.CLIENT_ASSERTION, assertion(registration));
		}
	}

	/**
	 * A client assertion for the registration, as Spring's converter builds one for the
	 * token endpoint.
	 * @param registration the provider
	 * @return the signed assertion
	 * @throws IllegalStateException when the provider has no assertion key
	 */
	public String assertion(ClientRegistration registration) {
		JWK key = key(registration);
		if (key == null) {
			throw new IllegalStateException(
					"Provider '" + registration.getRegistrationId() + "' has no key to sign client assertions with");
		}
		Instant now = this.clock.instant();
		JwsHeader.Builder headers = JwsHeader.with(algorithm(registration, key));
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(registration.getClientId())
			.subject(registration.getClientId())
			.audience(List.of(registration.getProviderDetails().getTokenUri()))
			.id(UUID.randomUUID().toString())
			.issuedAt(now)
			.expiresAt(now.plus(LIFETIME));
		customize(registration, headers, claims);
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
			.encode(JwtEncoderParameters.from(headers.build(), claims.build()))
			.getTokenValue();
	}

	private void customize(ClientRegistration registration, JwsHeader.Builder headers, JwtClaimsSet.Builder claims) {
		if (this.audiences.get(providerId(registration)) == ClientAssertionAudience.ISSUER) {
			String issuer = issuer(registration);
			if (issuer != null) {
				claims.audience(List.of(issuer));
			}
		}
		JWK key = key(registration);
		if (key instanceof ECKey || (key instanceof RSAKey && this.probabilistic.contains(providerId(registration)))) {
			// Spring picks ES256 for every EC key and RS256 for every RSA key: the curve
			// decides, and a profile's PS256
			headers.algorithm(algorithm(registration, key));
		}
	}

	/**
	 * The name of the algorithm the provider's key signs assertions and request objects
	 * with.
	 * @param providerId the provider id
	 * @return the JWS algorithm name, or {@code null} without a key
	 */
	public @Nullable String signingAlgorithm(String providerId) {
		JWK key = this.keys.get(providerId);
		if (key instanceof RSAKey) {
			return this.probabilistic.contains(providerId) ? SignatureAlgorithm.PS256.getName()
					: SignatureAlgorithm.RS256.getName();
		}
		return (key != null) ? algorithm(key).getName() : null;
	}

	/**
	 * What the provider's key signs with: the curve's algorithm for an EC key, PS256 for
	 * an RSA key under a profile, else RS256; HS256 for a secret.
	 * @param registration the provider
	 * @param key its key
	 * @return the algorithm
	 */
	JwsAlgorithm algorithm(ClientRegistration registration, JWK key) {
		if (key instanceof RSAKey && this.probabilistic.contains(providerId(registration))) {
			return SignatureAlgorithm.PS256;
		}
		return algorithm(key);
	}

	/**
	 * The key the provider's client assertions are signed with, which also signs its
	 * request objects.
	 * @param registration the provider
	 * @return the key, or {@code null} when the client authenticates otherwise
	 */
	@Nullable JWK key(ClientRegistration registration) {
		return this.keys.get(providerId(registration));
	}

	/** An API's registration ({@code corp/graph}) authenticates as its provider. */
	private static String providerId(ClientRegistration registration) {
		String id = registration.getRegistrationId();
		int slash = id.indexOf('/');
		return (slash > 0) ? id.substring(0, slash) : id;
	}

	static @Nullable String issuer(ClientRegistration registration) {
		if (registration.getProviderDetails().getIssuerUri() != null) {
			return registration.getProviderDetails().getIssuerUri();
		}
		Object issuer = registration.getProviderDetails().getConfigurationMetadata().get("issuer");
		return (issuer instanceof String value) ? value : null;
	}

	static JwsAlgorithm algorithm(JWK key) {
		if (key instanceof ECKey ec) {
			Curve curve = ec.getCurve();
			if (Curve.P_384.equals(curve)) {
				return SignatureAlgorithm.ES384;
			}
			return Curve.P_521.equals(curve) ? SignatureAlgorithm.ES512 : SignatureAlgorithm.ES256;
		}
		return (key instanceof OctetSequenceKey) ? MacAlgorithm.HS256 : SignatureAlgorithm.RS256;
	}

	private static String encoded(@Nullable String value) {
		// RFC 6749 2.3.1: form-encode client id and secret before basic authentication
		return URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "ClientCredentials[assertion keys for " + this.keys.keySet() + "]";
	}

}
