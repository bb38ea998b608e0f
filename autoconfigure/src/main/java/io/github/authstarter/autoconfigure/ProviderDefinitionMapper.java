package io.github.authstarter.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.provider.MissingPresetSettingException;
import io.github.authstarter.provider.PresetSettings;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderEndpoints;
import io.github.authstarter.provider.ProviderPreset;
import io.github.authstarter.provider.ProviderProfile;
import io.github.authstarter.provider.ResponseMode;
import io.github.authstarter.web.PageBranding;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.StringUtils;

/**
 * Turns {@code auth.providers.*} into provider definitions: the preset fills what the
 * user left out, explicit values win, and anything that cannot work fails here, at
 * startup, naming the property.
 */
final class ProviderDefinitionMapper {

	private static final Log logger = LogFactory.getLog(ProviderDefinitionMapper.class);

	private static final List<String> OPENID_SCOPES = List.of("openid", "profile", "email");

	private final AuthProperties properties;

	ProviderDefinitionMapper(AuthProperties properties) {
		this.properties = properties;
	}

	List<ProviderDefinition> definitions() {
		List<ProviderDefinition> definitions = new ArrayList<>();
		this.properties.getProviders().forEach((id, provider) -> definitions.add(definition(id, provider)));
		return definitions;
	}

	ProviderDefinition definition(String id, AuthProviderProperties provider) {
		String prefix = "auth.providers." + id;
		ProviderPreset preset = ProviderPropertiesValidator.validate(id, provider);
		PresetSettings settings = new PresetSettings(provider.getTenant(), provider.getDomain(), provider.getBaseUrl(),
				provider.getRealm());
		String issuerUri = provider.getIssuerUri();
		ProviderEndpoints endpoints = presetEndpoints(prefix, preset, settings, issuerUri)
			.overriddenBy(ProviderEndpoints.builder()
				.issuer((issuerUri != null) ? issuerUri : provider.getIssuer())
				.authorization(provider.getAuthorizationUri())
				.token(provider.getTokenUri())
				.userInfo(provider.getUserInfoUri())
				.jwkSet(provider.getJwkSetUri())
				.endSession(provider.getEndSessionUri())
				.revocation(provider.getRevocationUri())
				.build());
		checkTenants(prefix, provider, endpoints);
		Set<String> scopes = new LinkedHashSet<>(scopes(preset, provider));
		// the one API served by the sign-in's own token is asked for at sign-in
		scopes.addAll(ApiDefinitionMapper.loginScopes(id, provider));
		String discoveryLocation = issuerUri;
		boolean issuerMustMatch = true;
		if (discoveryLocation == null && preset != null) {
			discoveryLocation = preset.aliasDiscoveryLocation(settings);
			issuerMustMatch = discoveryLocation == null;
		}
		if (discoveryLocation == null) {
			checkEndpoints(prefix, preset, endpoints, scopes.contains("openid"));
			if (endpoints.issuer() == null && preset == null) {
				// a mix-up attack goes unnoticed; a preset without an issuer (GitHub)
				// sends no iss to check
				logger.warn("Provider '" + id + "' has no known issuer: the iss of its id tokens and authorization "
						+ "responses (RFC 9207) is not checked; set " + prefix + ".issuer to its issuer identifier");
			}
		}
		return new ProviderDefinition(id, displayName(id, preset, provider), preset, provider.getClientId().strip(),
				ProviderPropertiesValidator.isBlank(provider.getClientSecret()) ? null : provider.getClientSecret(),
				clientAuthenticationMethod(provider), endpoints, discoveryLocation, issuerMustMatch, scopes,
				userNameAttribute(preset, provider, scopes), redirectUri(provider),
				authorizationParameters(id, preset, provider), provider.isPkce(),
				responseMode(prefix, preset, provider), provider.getTenant(), logo(prefix, provider));
	}

	/**
	 * A templated issuer ({@code common}, {@code organizations}, {@code consumers}) signs
	 * in users of any tenant, whose own admins decide their roles and addresses: the
	 * application names the tenants it admits, or admits every one with {@code *}.
	 */
	private static void checkTenants(String prefix, AuthProviderProperties provider, ProviderEndpoints endpoints) {
		boolean named = provider.getAllowedTenants().stream().anyMatch((tenant) -> !tenant.isBlank());
		if (endpoints.templatedIssuer() && !named) {
			String tenant = ProviderPropertiesValidator.isBlank(provider.getTenant()) ? "common" : provider.getTenant();
			throw ProviderPropertiesValidator.invalid(prefix + ".allowed-tenants", null, "tenant '" + tenant
					+ "' signs in users of every Microsoft Entra tenant, whose own admins assign their roles: "
					+ "list the tenant ids (tid) to admit, or \"*\" to admit every tenant and scope your data by tid");
		}
	}

	/** A path of this application or an https URL: never a script or another scheme. */
	private static @Nullable String logo(String prefix, AuthProviderProperties provider) {
		String logo = provider.getLogo();
		if (ProviderPropertiesValidator.isBlank(logo)) {
			return null;
		}
		try {
			return PageBranding.image(logo);
		}
		catch (IllegalArgumentException ex) {
			throw ProviderPropertiesValidator.invalid(prefix + ".logo", logo, ex.getMessage());
		}
	}

	private static ProviderEndpoints presetEndpoints(String prefix, @Nullable ProviderPreset preset,
			PresetSettings settings, @Nullable String issuerUri) {
		if (preset == null) {
			return ProviderEndpoints.NONE;
		}
		try {
			return preset.endpoints(settings);
		}
		catch (MissingPresetSettingException ex) {
			if (issuerUri != null) {
				// the issuer is discovered instead; the preset still gives scopes and
				// quirks
				return ProviderEndpoints.NONE;
			}
			throw ProviderPropertiesValidator.invalid(prefix + "." + ex.setting(), null,
					ex.getMessage() + " (or an issuer-uri)");
		}
	}

	private static void checkEndpoints(String prefix, @Nullable ProviderPreset preset, ProviderEndpoints endpoints,
			boolean openId) {
		if (preset == null && endpoints.authorization() == null && endpoints.token() == null) {
			throw ProviderPropertiesValidator.invalid(prefix + ".issuer-uri", null,
					"the provider needs an issuer-uri (for discovery), a preset, or authorization-uri and token-uri");
		}
		if (endpoints.authorization() == null) {
			throw ProviderPropertiesValidator.invalid(prefix + ".authorization-uri", null,
					"an authorization endpoint is required without an issuer-uri");
		}
		if (endpoints.token() == null) {
			throw ProviderPropertiesValidator.invalid(prefix + ".token-uri", null,
					"a token endpoint is required without an issuer-uri");
		}
		if (openId && endpoints.jwkSet() == null) {
			throw ProviderPropertiesValidator.invalid(prefix + ".jwk-set-uri", null,
					"the 'openid' scope needs the provider's key set to check id tokens; set jwk-set-uri or issuer-uri");
		}
	}

	private static List<String> scopes(@Nullable ProviderPreset preset, AuthProviderProperties provider) {
		if (provider.getScopes() != null && !provider.getScopes().isEmpty()) {
			return provider.getScopes().stream().map(String::strip).filter(StringUtils::hasText).toList();
		}
		return (preset != null) ? preset.scopes() : OPENID_SCOPES;
	}

	private static String displayName(String id, @Nullable ProviderPreset preset, AuthProviderProperties provider) {
		if (!ProviderPropertiesValidator.isBlank(provider.getDisplayName())) {
			return provider.getDisplayName();
		}
		return (preset != null && preset.id().equals(id)) ? preset.displayName() : StringUtils.capitalize(id);
	}

	private static @Nullable ClientAuthenticationMethod clientAuthenticationMethod(AuthProviderProperties provider) {
		String method = provider.getClientAuthenticationMethod();
		if (method == null && provider.getPrivateKey() != null) {
			// Apple's generated secret goes in the form, as Apple wants it
			return ClientAuthenticationMethod.CLIENT_SECRET_POST;
		}
		return (method != null) ? new ClientAuthenticationMethod(method) : null;
	}

	private static String userNameAttribute(@Nullable ProviderPreset preset, AuthProviderProperties provider,
			Set<String> scopes) {
		if (!ProviderPropertiesValidator.isBlank(provider.getUserNameAttribute())) {
			return provider.getUserNameAttribute();
		}
		if (preset != null) {
			return preset.userNameAttribute();
		}
		return scopes.contains("openid") ? "sub" : "id";
	}

	private String redirectUri(AuthProviderProperties provider) {
		if (!ProviderPropertiesValidator.isBlank(provider.getRedirectUri())) {
			return provider.getRedirectUri();
		}
		return "{baseUrl}" + this.properties.getLogin().getCallbackPath() + "/{registrationId}";
	}

	private static Map<String, String> authorizationParameters(String id, @Nullable ProviderPreset preset,
			AuthProviderProperties provider) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (preset != null) {
			parameters.putAll(preset.authorizationParameters());
		}
		parameters.putAll(provider.getAuthorizationParams());
		parameters.putAll(ApiDefinitionMapper.loginParameters(id, provider));
		if (!ProviderPropertiesValidator.isBlank(provider.getHostedDomain())) {
			// Google shows only accounts of that domain; the hd claim is still checked,
			// since anyone can remove the parameter from the URL
			parameters.put("hd", provider.getHostedDomain().strip());
		}
		return Map.copyOf(parameters);
	}

	private static ResponseMode responseMode(String prefix, @Nullable ProviderPreset preset,
			AuthProviderProperties provider) {
		ResponseMode mode = provider.getResponseMode();
		if (mode == null && provider.getProfile() == ProviderProfile.FAPI2_MESSAGE_SIGNING) {
			// FAPI 2.0 Message Signing: signed responses, in the query as FAPI 2.0 wants
			mode = ResponseMode.JWT;
		}
		if (mode == null) {
			return (preset != null) ? preset.defaultResponseMode() : ResponseMode.QUERY;
		}
		boolean keysKnown = (preset != null) ? preset.openId()
				: !ProviderPropertiesValidator.isBlank(provider.getIssuerUri())
						|| (!ProviderPropertiesValidator.isBlank(provider.getIssuer())
								&& !ProviderPropertiesValidator.isBlank(provider.getJwkSetUri()));
		if (mode.signed() && !keysKnown) {
			// every login would end in invalid_signed_response: say so at startup
			throw ProviderPropertiesValidator.invalid(prefix + ".response-mode", mode.parameterValue(),
					"a signed response is checked against the provider's issuer and keys: set issuer-uri (or issuer "
							+ "and jwk-set-uri), or use query");
		}
		if (mode.posted() && preset != null && !preset.formPostSupported()) {
			throw ProviderPropertiesValidator.invalid(prefix + ".response-mode", mode.parameterValue(),
					preset.displayName() + " cannot answer with form_post; use query");
		}
		return mode;
	}

}
