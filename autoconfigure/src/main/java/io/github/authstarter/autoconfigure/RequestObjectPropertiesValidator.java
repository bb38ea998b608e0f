package io.github.authstarter.autoconfigure;

import java.text.ParseException;
import java.util.Set;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.provider.ProviderPreset;
import io.github.authstarter.provider.RequestObjectMode;
import org.jspecify.annotations.Nullable;

/**
 * What {@code request-object: signed} (or a profile that signs requests) needs of a
 * provider's properties, checked at startup.
 */
final class RequestObjectPropertiesValidator {

	/** Claims a request object sets itself, or must not hold (RFC 9101 section 4). */
	private static final Set<String> NOT_IN_REQUEST_OBJECTS = Set.of("request", "request_uri", "iss", "aud", "exp",
			"nbf", "iat", "jti", "sub", "client_assertion", "client_assertion_type", "dpop_jkt");

	private static final Set<String> MULTI_TENANT = Set.of("common", "organizations", "consumers");

	private RequestObjectPropertiesValidator() {
	}

	/**
	 * A request object is signed with the client key of {@code private_key_jwt} and
	 * addressed to the issuer: without either, every login would fail at the provider.
	 */
	static void validate(String prefix, @Nullable ProviderPreset preset, AuthProviderProperties provider) {
		if (provider.effectiveRequestObject() != RequestObjectMode.SIGNED) {
			return;
		}
		if (!"private_key_jwt".equals(provider.getClientAuthenticationMethod())) {
			throw ProviderPropertiesValidator.invalid(prefix + ".request-object", "signed",
					"a request object is signed with the client key of private_key_jwt: set "
							+ "client-authentication-method: private_key_jwt and a client-key");
		}
		boolean issuerKnown = (preset != null) ? preset.openId()
				: !ProviderPropertiesValidator.isBlank(provider.getIssuerUri())
						|| !ProviderPropertiesValidator.isBlank(provider.getIssuer());
		if (!issuerKnown) {
			throw ProviderPropertiesValidator.invalid(prefix + ".issuer-uri", null,
					"a request object is addressed to the provider's issuer: set issuer-uri (or issuer)");
		}
		if (preset == ProviderPreset.MICROSOFT && ProviderPropertiesValidator.isBlank(provider.getIssuerUri())
				&& (provider.getTenant() == null || MULTI_TENANT.contains(provider.getTenant()))) {
			// the issuer of common, organizations and consumers is a template
			throw ProviderPropertiesValidator.invalid(prefix + ".tenant", provider.getTenant(),
					"a request object is addressed to one issuer: set the tenant id or domain");
		}
		provider.getAuthorizationParams().forEach((name, value) -> {
			if (name.isEmpty() || NOT_IN_REQUEST_OBJECTS.contains(name)) {
				// the value may be a secret (an assertion): never echoed
				throw ProviderPropertiesValidator.invalid(prefix + ".authorization-params." + name,
						MissingAuthPropertyFailureAnalyzer.HIDDEN,
						"a signed request object cannot carry '" + name + "'");
			}
			if (name.equals("claims") && !jsonObject(value)) {
				throw ProviderPropertiesValidator.invalid(prefix + ".authorization-params.claims", value,
						"a signed request object carries claims as a JSON object");
			}
		});
	}

	private static boolean jsonObject(@Nullable String value) {
		try {
			JSONObjectUtils.parse((value != null) ? value : "");
			return true;
		}
		catch (ParseException ex) {
			return false;
		}
	}

}
