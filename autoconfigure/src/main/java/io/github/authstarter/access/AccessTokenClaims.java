package io.github.authstarter.access;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.RemoteKeySourceException;
import io.github.authstarter.provider.JwtRejectionReason;
import io.github.authstarter.provider.ProviderKeySets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * The claims of a provider's access token, read only when it is a JWT signed with the
 * provider's own keys, issued by the provider's issuer and not expired. An access token
 * is meant for an API, not for the client, so anything that does not check out yields no
 * claims rather than trusted ones.
 */
public final class AccessTokenClaims {

	/** The error code when the provider's keys cannot be fetched. */
	public static final String KEYS_UNAVAILABLE = "jwks_unavailable";

	private static final Log logger = LogFactory.getLog(AccessTokenClaims.class);

	private final ProviderKeySets keySets;

	private final Clock clock;

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	/**
	 * Creates the reader.
	 * @param keySets the providers' key sets, shared with id token checks
	 */
	public AccessTokenClaims(ProviderKeySets keySets) {
		this(keySets, Clock.systemUTC());
	}

	/**
	 * Creates the reader.
	 * @param keySets the providers' key sets, shared with id token checks
	 * @param clock the starter's clock, which the tokens' times are checked against
	 */
	public AccessTokenClaims(ProviderKeySets keySets, Clock clock) {
		this.keySets = keySets;
		this.clock = clock;
	}

	/**
	 * The checked claims of an access token.
	 * @param registration the provider that issued it
	 * @param token the access token
	 * @return its claims, empty when it is opaque or does not check out
	 * @throws OAuth2AuthenticationException with {@link #KEYS_UNAVAILABLE} when the
	 * provider's keys cannot be fetched now
	 */
	public Map<String, Object> of(ClientRegistration registration, OAuth2AccessToken token) {
		String value = token.getTokenValue();
		if (value.chars().filter((c) -> c == '.').count() != 2) {
			return Map.of();
		}
		String jwkSetUri = registration.getProviderDetails().getJwkSetUri();
		String issuer = registration.getProviderDetails().getIssuerUri();
		String id = registration.getRegistrationId();
		if (!StringUtils.hasText(jwkSetUri) || !StringUtils.hasText(issuer)) {
			logger.warn("Ignored the access token claims of provider '" + id
					+ "': without its jwks_uri and issuer they cannot be checked");
			return Map.of();
		}
		JwtDecoder decoder = this.decoders.computeIfAbsent(id + " " + jwkSetUri + " " + issuer, (key) -> {
			NimbusJwtDecoder built = NimbusJwtDecoder.withJwkSource(this.keySets.of(id, jwkSetUri))
				.jwsAlgorithms((algorithms) -> algorithms
					.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS384, SignatureAlgorithm.RS512,
							SignatureAlgorithm.PS256, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384)))
				.build();
			JwtTimestampValidator timestamps = new JwtTimestampValidator();
			timestamps.setClock(this.clock);
			built.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(issuer)));
			return built;
		});
		try {
			return decoder.decode(value).getClaims();
		}
		catch (JwtException ex) {
			if (keysUnavailable(ex)) {
				throw new OAuth2AuthenticationException(new OAuth2Error(KEYS_UNAVAILABLE), ex);
			}
			logger.warn("Ignored the access token claims of provider '" + id + "': " + JwtRejectionReason.of(ex));
			return Map.of();
		}
	}

	private static boolean keysUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RemoteKeySourceException) {
				return true;
			}
		}
		return false;
	}

}
