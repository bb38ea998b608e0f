package io.github.authstarter.provider;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Signed authorization requests (JAR, RFC 9101) for the providers whose
 * {@code request-object} is {@code signed}: every parameter the login start put into the
 * authorization request goes into a JWT signed with the client key, and the request then
 * carries that JWT as {@code request}, with {@code client_id} and (as OpenID Connect
 * wants them outside too, RFC 9101 section 5) {@code response_type} and {@code scope}.
 * PAR, when on, pushes exactly that; the flow record keeps the request as it was built,
 * so the callback is checked as always.
 */
public final class RequestObjects {

	/** RFC 9101 section 10.8: tells a request object from any other JWT of the client. */
	public static final String TYPE = "oauth-authz-req+jwt";

	/** FAPI 2.0 Message Signing: at most 60 minutes; a login start needs seconds. */
	private static final Duration LIFETIME = Duration.ofSeconds(60);

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

	/** Sent outside the request object as well, with the same values. */
	private static final List<String> ALSO_OUTSIDE = List.of(OAuth2ParameterNames.RESPONSE_TYPE,
			OAuth2ParameterNames.SCOPE);

	private final Set<String> signed;

	private final ProviderRegistrations registrations;

	private final ClientCredentials credentials;

	private final Clock clock;

	/**
	 * Creates the signer.
	 * @param signed the ids of the providers whose requests are signed
	 * @param registrations the providers
	 * @param credentials the client keys
	 * @param clock the clock of the objects' times
	 */
	public RequestObjects(Set<String> signed, ProviderRegistrations registrations, ClientCredentials credentials,
			Clock clock) {
		this.signed = Set.copyOf(signed);
		this.registrations = registrations;
		this.credentials = credentials;
		this.clock = clock;
	}

	/**
	 * The request, signed when its provider's mode says so.
	 * @param request the authorization request a login start built
	 * @return the request, its authorization URI carrying the request object when signed
	 */
	public OAuth2AuthorizationRequest sign(OAuth2AuthorizationRequest request) {
		if (!(request.getAttribute(OAuth2ParameterNames.REGISTRATION_ID) instanceof String id)
				|| !this.signed.contains(id)) {
			return request;
		}
		ClientRegistration registration = this.registrations.findByRegistrationId(id);
		if (registration == null) {
			return request;
		}
		JWK key = this.credentials.key(registration);
		String issuer = ClientCredentials.issuer(registration);
		if (key == null || issuer == null) {
			// startup refuses both: only an application's own registration gets here
			throw new IllegalStateException("Provider '" + registration.getRegistrationId()
					+ "' signs its requests but has no client key or no issuer");
		}
		MultiValueMap<String, String> parameters = UriComponentsBuilder
			.fromUriString(request.getAuthorizationRequestUri())
			.build(true)
			.getQueryParams();
		Instant now = this.clock.instant();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder();
		parameters.forEach((name, values) -> {
			// startup refuses configured parameters a request object must not carry
			if (!values.isEmpty() && !name.isEmpty()) {
				claims.claim(decode(name), claim(decode(name), decode(values.get(0))));
			}
		});
		claims.issuer(registration.getClientId())
			.audience(List.of(issuer))
			.issuedAt(now)
			// a provider whose clock runs a little behind still takes it
			.notBefore(now.minus(CLOCK_SKEW))
			.expiresAt(now.plus(LIFETIME))
			.id(UUID.randomUUID().toString());
		// the encoder names the key (kid) as the client's key set does
		JwsHeader header = JwsHeader.with(algorithm(key, registration)).type(TYPE).build();
		String jwt = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
			.encode(JwtEncoderParameters.from(header, claims.build()))
			.getTokenValue();
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(request.getAuthorizationUri())
			.queryParam(OAuth2ParameterNames.CLIENT_ID, encode(registration.getClientId()));
		for (String name : ALSO_OUTSIDE) {
			List<String> values = parameters.get(name);
			if (values != null && !values.isEmpty()) {
				uri.queryParam(name, values.get(0));
			}
		}
		uri.queryParam("request", jwt);
		return OAuth2AuthorizationRequest.from(request).authorizationRequestUri(uri.build(true).toUriString()).build();
	}

	/**
	 * A parameter as a claim: {@code claims} is a JSON object and {@code max_age} a
	 * number in a request object (OpenID Connect Core 6.1), everything else a string.
	 */
	private static Object claim(String name, String value) {
		if ("claims".equals(name)) {
			try {
				return JSONObjectUtils.parse(value);
			}
			catch (ParseException ex) {
				throw new IllegalArgumentException("The claims parameter is not a JSON object", ex);
			}
		}
		if ("max_age".equals(name) && value.matches("[0-9]{1,10}")) {
			return Long.parseLong(value);
		}
		return value;
	}

	/**
	 * The key's algorithm: the curve's for an EC key; for an RSA key PS256 under a
	 * profile or when the provider lists it and not RS256, else RS256.
	 */
	private JwsAlgorithm algorithm(JWK key, ClientRegistration registration) {
		JwsAlgorithm chosen = this.credentials.algorithm(registration, key);
		if (key instanceof RSAKey && chosen == SignatureAlgorithm.RS256) {
			Object listed = registration.getProviderDetails()
				.getConfigurationMetadata()
				.get("request_object_signing_alg_values_supported");
			if (listed instanceof Collection<?> algorithms && algorithms.contains("PS256")
					&& !algorithms.contains("RS256")) {
				return SignatureAlgorithm.PS256;
			}
		}
		return chosen;
	}

	private static String decode(@Nullable String value) {
		return (value != null) ? UriUtils.decode(value, StandardCharsets.UTF_8) : "";
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "RequestObjects[signed for " + this.signed + "]";
	}

}
