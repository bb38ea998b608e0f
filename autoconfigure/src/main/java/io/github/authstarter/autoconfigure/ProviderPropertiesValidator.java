package io.github.authstarter.autoconfigure;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.authstarter.logout.LogoutStyle;
import io.github.authstarter.provider.ClientAssertionAudience;
import io.github.authstarter.provider.ProviderPreset;
import io.github.authstarter.provider.ProviderProfile;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The checks on one provider's properties that need no preset resolution; each failure
 * names the full property so the startup report says what to fix.
 */
final class ProviderPropertiesValidator {

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

	private static final Pattern PROVIDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private static final Set<String> AUTHENTICATION_METHODS = Set.of("client_secret_basic", "client_secret_post",
			"client_secret_jwt", "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth", "none");

	private static final Set<String> PROTOCOL_PARAMETERS = Set.of("response_type", "client_id", "redirect_uri", "scope",
			"state", "nonce", "code_challenge", "code_challenge_method", "response_mode", "request", "request_uri",
			"dpop_jkt");

	private static final Map<String, Set<ProviderPreset>> PRESET_SETTINGS = Map.of("tenant",
			Set.of(ProviderPreset.MICROSOFT), "domain", Set.of(ProviderPreset.OKTA, ProviderPreset.AUTH0), "realm",
			Set.of(ProviderPreset.KEYCLOAK), "base-url", Set.of(ProviderPreset.KEYCLOAK, ProviderPreset.GITLAB),
			"team-id", Set.of(ProviderPreset.APPLE), "key-id", Set.of(ProviderPreset.APPLE), "private-key",
			Set.of(ProviderPreset.APPLE));

	private ProviderPropertiesValidator() {
	}

	static @Nullable ProviderPreset validate(String id, AuthProviderProperties provider) {
		String prefix = "auth.providers." + id;
		if (!PROVIDER_ID.matcher(id).matches()) {
			throw invalid(prefix, id, "a provider id appears in URLs: use letters, digits, '.', '_' and '-'");
		}
		if (isBlank(provider.getClientId())) {
			throw invalid(prefix + ".client-id", null,
					"a client id is required: copy it from the app registration at the provider");
		}
		ProviderPreset preset = preset(prefix, id, provider.getPreset());
		checkPresetSettings(prefix, preset, provider);
		checkUri(prefix + ".issuer-uri", provider.getIssuerUri());
		if (provider.getIssuer() != null && provider.getIssuerUri() != null) {
			throw invalid(prefix + ".issuer", provider.getIssuer(),
					"issuer is for providers configured by explicit endpoints; with issuer-uri the discovered issuer is used");
		}
		checkUri(prefix + ".issuer", provider.getIssuer());
		if (provider.getJwksRefetchInterval().isNegative()) {
			throw invalid(prefix + ".jwks-refetch-interval", provider.getJwksRefetchInterval(), "must not be negative");
		}
		if (provider.getJwksMaxAge().isNegative() || provider.getJwksMaxAge().isZero()) {
			throw invalid(prefix + ".jwks-max-age", provider.getJwksMaxAge(), "must be positive");
		}
		checkUri(prefix + ".authorization-uri", provider.getAuthorizationUri());
		checkUri(prefix + ".token-uri", provider.getTokenUri());
		checkUri(prefix + ".user-info-uri", provider.getUserInfoUri());
		checkUri(prefix + ".jwk-set-uri", provider.getJwkSetUri());
		checkUri(prefix + ".end-session-uri", provider.getEndSessionUri());
		checkUri(prefix + ".revocation-uri", provider.getRevocationUri());
		checkUri(prefix + ".post-logout-redirect-uri", provider.getPostLogoutRedirectUri());
		checkClientAuthentication(prefix, provider);
		checkProfile(prefix, provider);
		RequestObjectPropertiesValidator.validate(prefix, preset, provider);
		if (provider.getLogout() == LogoutStyle.COGNITO && isBlank(provider.getEndSessionUri())) {
			throw invalid(prefix + ".end-session-uri", null,
					"logout: cognito needs the logout endpoint, such as https://<domain>.auth.<region>.amazoncognito.com/logout");
		}
		for (String parameter : provider.getAuthorizationParams().keySet()) {
			if (PROTOCOL_PARAMETERS.contains(parameter)) {
				throw invalid(prefix + ".authorization-params." + parameter,
						provider.getAuthorizationParams().get(parameter),
						"'" + parameter + "' is set by the login flow itself and cannot be overridden");
			}
		}
		return preset;
	}

	private static @Nullable ProviderPreset preset(String prefix, String id, @Nullable String name) {
		if (name == null) {
			return ProviderPreset.find(id);
		}
		if (name.equalsIgnoreCase("none")) {
			// an id such as google, for a provider that is not Google's
			return null;
		}
		ProviderPreset preset = ProviderPreset.find(name);
		if (preset == null) {
			String known = Arrays.stream(ProviderPreset.values())
				.map(ProviderPreset::id)
				.collect(Collectors.joining(", "));
			throw invalid(prefix + ".preset", name, "unknown preset; known presets: " + known + " (or none)");
		}
		return preset;
	}

	private static void checkPresetSettings(String prefix, @Nullable ProviderPreset preset,
			AuthProviderProperties provider) {
		Map<String, String> values = new HashMap<>();
		putIfSet(values, "tenant", provider.getTenant());
		putIfSet(values, "domain", provider.getDomain());
		putIfSet(values, "realm", provider.getRealm());
		putIfSet(values, "base-url", provider.getBaseUrl());
		putIfSet(values, "team-id", provider.getTeamId());
		putIfSet(values, "key-id", provider.getKeyId());
		putIfSet(values, "private-key",
				(provider.getPrivateKey() != null) ? provider.getPrivateKey().getDescription() : null);
		values.forEach((setting, value) -> {
			Set<ProviderPreset> presets = PRESET_SETTINGS.get(setting);
			if (preset == null || !presets.contains(preset)) {
				String names = presets.stream().map(ProviderPreset::id).sorted().collect(Collectors.joining(", "));
				throw invalid(prefix + "." + setting, value, "applies only to preset " + names);
			}
		});
	}

	/**
	 * A profile is met by what is configured, or startup fails naming what is not: its
	 * point is that nothing weaker is ever used. PAR and DPoP it requires itself,
	 * whatever par and dpop say.
	 */
	private static void checkProfile(String prefix, AuthProviderProperties provider) {
		ProviderProfile profile = provider.getProfile();
		if (profile == null) {
			return;
		}
		if (profile == ProviderProfile.FAPI2_MESSAGE_SIGNING && provider.getResponseMode() != null
				&& !provider.getResponseMode().signed()) {
			throw invalid(prefix + ".response-mode", provider.getResponseMode().parameterValue(),
					"profile fapi2-message-signing takes signed responses (JARM): jwt or query.jwt");
		}
		String method = provider.getClientAuthenticationMethod();
		if (!"private_key_jwt".equals(method) && !MutualTls.authenticates(method)) {
			throw invalid(prefix + ".client-authentication-method", method,
					"profile fapi2 needs private_key_jwt with a client-key, or mutual TLS (tls_client_auth or "
							+ "self_signed_tls_client_auth) with an ssl-bundle");
		}
		if (profile == ProviderProfile.FAPI2_MESSAGE_SIGNING && MutualTls.authenticates(method)) {
			throw invalid(prefix + ".client-authentication-method", method,
					"profile fapi2-message-signing signs requests with the client key of private_key_jwt");
		}
		if (!provider.isPkce()) {
			throw invalid(prefix + ".pkce", "false", "profile fapi2 needs PKCE");
		}
		if (isBlank(provider.getIssuerUri())) {
			throw invalid(prefix + ".issuer-uri", null,
					"profile fapi2 reads what the provider offers from its metadata: set issuer-uri");
		}
		URI issuer = URI.create(provider.getIssuerUri());
		if (!"https".equals(issuer.getScheme()) && !LOOPBACK.contains(issuer.getHost())) {
			throw invalid(prefix + ".issuer-uri", provider.getIssuerUri(),
					"profile fapi2 needs TLS: an https issuer (http only on loopback, for tests)");
		}
		if (provider.getClientAssertionAudience() == ClientAssertionAudience.TOKEN_ENDPOINT) {
			throw invalid(prefix + ".client-assertion-audience", "token-endpoint",
					"profile fapi2 sends the issuer as the client assertion's only audience");
		}
		if (provider.getResponseMode() != null && provider.getResponseMode().posted()) {
			throw invalid(prefix + ".response-mode", provider.getResponseMode().parameterValue(),
					"profile fapi2 takes the authorization response in the query");
		}
	}

	private static void requireTls(String property, @Nullable String uri, String method) {
		if (uri != null && !"https".equalsIgnoreCase(URI.create(uri).getScheme())
				&& !LOOPBACK.contains(String.valueOf(URI.create(uri).getHost()).toLowerCase(Locale.ROOT))) {
			throw invalid(property, uri, method + " needs TLS: an https URL (http only on loopback, for tests)");
		}
	}

	private static void checkClientAuthentication(String prefix, AuthProviderProperties provider) {
		String method = provider.getClientAuthenticationMethod();
		if (method != null && !AUTHENTICATION_METHODS.contains(method)) {
			throw invalid(prefix + ".client-authentication-method", method,
					"supported methods are client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt, "
							+ "tls_client_auth, self_signed_tls_client_auth and none");
		}
		boolean secret = !isBlank(provider.getClientSecret());
		boolean appleKey = provider.getPrivateKey() != null || !isBlank(provider.getTeamId())
				|| !isBlank(provider.getKeyId());
		if (appleKey) {
			checkAppleKey(prefix, provider, secret);
			return;
		}
		if ("private_key_jwt".equals(method) || MutualTls.authenticates(method)) {
			if (secret) {
				throw invalid(prefix + ".client-secret", MissingAuthPropertyFailureAnalyzer.HIDDEN,
						method + " never sends the client secret; remove it");
			}
			if (MutualTls.authenticates(method) && isBlank(provider.getSslBundle())) {
				throw invalid(prefix + ".ssl-bundle", null,
						method + " presents a client certificate: set ssl-bundle to an SSL bundle with its key store");
			}
			if (MutualTls.authenticates(method) && isBlank(provider.getIssuerUri())) {
				throw invalid(prefix + ".issuer-uri", null, method
						+ " reads where the provider takes certificates (mtls_endpoint_aliases) from its metadata: set issuer-uri");
			}
			if (MutualTls.authenticates(method)) {
				// the certificate, the code and the tokens go nowhere in clear
				requireTls(prefix + ".issuer-uri", provider.getIssuerUri(), method);
				requireTls(prefix + ".token-uri", provider.getTokenUri(), method);
				requireTls(prefix + ".user-info-uri", provider.getUserInfoUri(), method);
				requireTls(prefix + ".revocation-uri", provider.getRevocationUri(), method);
			}
			return;
		}
		if (method != null && method.startsWith("client_secret") && !secret) {
			throw invalid(prefix + ".client-secret", null, method + " needs a client secret");
		}
		if ("none".equals(method) && secret) {
			throw invalid(prefix + ".client-authentication-method", method,
					"a client secret is set but would never be sent; remove one of the two");
		}
		if (!secret && !provider.isPkce()) {
			throw invalid(prefix + ".pkce", "false", "a public client (no client-secret) must use PKCE");
		}
	}

	/**
	 * Apple's generated secret needs all three of its settings, and replaces a secret.
	 */
	private static void checkAppleKey(String prefix, AuthProviderProperties provider, boolean secret) {
		if (secret) {
			throw invalid(prefix + ".client-secret", MissingAuthPropertyFailureAnalyzer.HIDDEN,
					"set either a pre-signed client-secret or team-id, key-id and private-key to generate it, not both");
		}
		if (isBlank(provider.getTeamId())) {
			throw invalid(prefix + ".team-id", null, "the generated client secret needs the Apple team id");
		}
		if (isBlank(provider.getKeyId())) {
			throw invalid(prefix + ".key-id", null, "the generated client secret needs the key's id");
		}
		if (provider.getPrivateKey() == null) {
			throw invalid(prefix + ".private-key", null,
					"the generated client secret needs the .p8 key (file:/path/AuthKey_<key id>.p8)");
		}
		if (provider.getClientAuthenticationMethod() != null
				&& !"client_secret_post".equals(provider.getClientAuthenticationMethod())) {
			throw invalid(prefix + ".client-authentication-method", provider.getClientAuthenticationMethod(),
					"Apple takes its client secret in the form: client_secret_post");
		}
	}

	private static void checkUri(String name, @Nullable String value) {
		if (value == null) {
			return;
		}
		try {
			URI uri = URI.create(value);
			if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
				throw invalid(name, value, "must be an absolute http or https URL");
			}
		}
		catch (IllegalArgumentException ex) {
			throw invalid(name, value, "is not a valid URL");
		}
	}

	private static void putIfSet(Map<String, String> values, String name, @Nullable String value) {
		if (!isBlank(value)) {
			values.put(name, value);
		}
	}

	static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	static InvalidConfigurationPropertyValueException invalid(String name, @Nullable Object value, String reason) {
		return new InvalidConfigurationPropertyValueException(name, value, reason);
	}

}
