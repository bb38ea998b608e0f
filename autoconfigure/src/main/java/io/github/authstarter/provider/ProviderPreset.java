package io.github.authstarter.provider;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * What a user would otherwise get wrong about a well-known provider: its endpoints,
 * scopes, issuer rules and response modes.
 */
public enum ProviderPreset {

	/** Google, an OpenID Provider with fixed endpoints. */
	GOOGLE(traits("Google").openId()
		.formPost()
		.scopes("openid", "profile", "email")
		.authorizationParameter("access_type", "offline"),
			(preset, settings) -> fromCommon(CommonOAuth2Provider.GOOGLE, "https://oauth2.googleapis.com/revoke")),

	/**
	 * GitHub, OAuth2 only: the user comes from the user-info API and a private email from
	 * {@code /user/emails}.
	 */
	GITHUB(traits("GitHub").scopes("read:user", "user:email").userNameAttribute("id"),
			(preset, settings) -> fromCommon(CommonOAuth2Provider.GITHUB, null)),

	/**
	 * Microsoft Entra ID (v2.0 endpoints) for one tenant or, with {@code common},
	 * {@code organizations} or {@code consumers}, for many.
	 */
	MICROSOFT(traits("Microsoft").openId().formPost().scopes("openid", "profile", "email", "offline_access"),
			(preset, settings) -> MicrosoftTenant.of(settings.tenant()).endpoints()),

	/** Okta, through the default custom authorization server of the domain. */
	OKTA(traits("Okta").openId().formPost().scopes("openid", "profile", "email", "offline_access"),
			(preset, settings) -> {
				String issuer = httpsBase(preset.required(settings.domain(), "domain")) + "/oauth2/default";
				return ProviderEndpoints.builder()
					.issuer(issuer)
					.authorization(issuer + "/v1/authorize")
					.token(issuer + "/v1/token")
					.userInfo(issuer + "/v1/userinfo")
					.jwkSet(issuer + "/v1/keys")
					.endSession(issuer + "/v1/logout")
					.revocation(issuer + "/v1/revoke")
					.build();
			}),

	/** Auth0, whose issuer ends with a slash. */
	AUTH0(traits("Auth0").openId().formPost().scopes("openid", "profile", "email", "offline_access"),
			(preset, settings) -> {
				String base = httpsBase(preset.required(settings.domain(), "domain"));
				return ProviderEndpoints.builder()
					.issuer(base + "/")
					.authorization(base + "/authorize")
					.token(base + "/oauth/token")
					.userInfo(base + "/userinfo")
					.jwkSet(base + "/.well-known/jwks.json")
					.endSession(base + "/oidc/logout")
					.revocation(base + "/oauth/revoke")
					.build();
			}),

	/** Keycloak, from its base URL and realm. */
	KEYCLOAK(traits("Keycloak").openId().formPost().scopes("openid", "profile", "email"), (preset, settings) -> {
		String issuer = httpsBase(preset.required(settings.baseUrl(), "base-url")) + "/realms/"
				+ preset.required(settings.realm(), "realm");
		String endpoints = issuer + "/protocol/openid-connect";
		return ProviderEndpoints.builder()
			.issuer(issuer)
			.authorization(endpoints + "/auth")
			.token(endpoints + "/token")
			.userInfo(endpoints + "/userinfo")
			.jwkSet(endpoints + "/certs")
			.endSession(endpoints + "/logout")
			.revocation(endpoints + "/revoke")
			.build();
	}),

	/**
	 * Sign in with Apple: form_post responses, no user-info endpoint, no provider logout.
	 */
	APPLE(traits("Apple").openId().formPost().scopes("openid", "name", "email"),
			(preset, settings) -> ProviderEndpoints.builder()
				.issuer("https://appleid.apple.com")
				.authorization("https://appleid.apple.com/auth/authorize")
				.token("https://appleid.apple.com/auth/token")
				.jwkSet("https://appleid.apple.com/auth/keys")
				.revocation("https://appleid.apple.com/auth/revoke")
				.build()),

	/** GitLab.com or a self-managed GitLab from its base URL. */
	GITLAB(traits("GitLab").openId().formPost().scopes("openid", "profile", "email"), (preset, settings) -> {
		String base = (settings.baseUrl() != null) ? httpsBase(settings.baseUrl()) : "https://gitlab.com";
		return ProviderEndpoints.builder()
			.issuer(base)
			.authorization(base + "/oauth/authorize")
			.token(base + "/oauth/token")
			.userInfo(base + "/oauth/userinfo")
			.jwkSet(base + "/oauth/discovery/keys")
			.revocation(base + "/oauth/revoke")
			.build();
	});

	private final String displayName;

	private final boolean openId;

	private final boolean formPostSupported;

	private final List<String> scopes;

	private final String userNameAttribute;

	private final Map<String, String> authorizationParameters;

	private final BiFunction<ProviderPreset, PresetSettings, ProviderEndpoints> endpoints;

	ProviderPreset(PresetTraits traits, BiFunction<ProviderPreset, PresetSettings, ProviderEndpoints> endpoints) {
		this.displayName = traits.displayName;
		this.openId = traits.openId;
		this.formPostSupported = traits.formPostSupported;
		this.scopes = List.copyOf(traits.scopes);
		this.userNameAttribute = traits.userNameAttribute;
		this.authorizationParameters = Map.copyOf(traits.authorizationParameters);
		this.endpoints = endpoints;
	}

	private static PresetTraits traits(String displayName) {
		return new PresetTraits(displayName);
	}

	/**
	 * The preset with the given id, in any case.
	 * @param id the id, such as {@code microsoft}
	 * @return the preset, or {@code null} when no preset has that id
	 */
	public static @Nullable ProviderPreset find(String id) {
		return Arrays.stream(values())
			.filter((preset) -> preset.id().equals(id.toLowerCase(Locale.ROOT)))
			.findFirst()
			.orElse(null);
	}

	/**
	 * The id used in properties.
	 * @return the id
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The name shown on sign-in buttons.
	 * @return the display name
	 */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * Whether the provider is an OpenID Provider that issues id tokens.
	 * @return whether it speaks OpenID Connect
	 */
	public boolean openId() {
		return this.openId;
	}

	/**
	 * Whether the provider can answer with {@code response_mode=form_post}.
	 * @return whether form_post works
	 */
	public boolean formPostSupported() {
		return this.formPostSupported;
	}

	/**
	 * Whether the provider's ID tokens prove a new authentication that a login asked for
	 * ({@code auth_time} for {@code max_age}, {@code acr} for {@code acr_values}), as a
	 * step-up needs. Entra ID and Apple leave {@code auth_time} out of their ID tokens,
	 * Google sends it only with its optional session age claims (and ignores
	 * {@code acr_values}), and GitHub has none.
	 * @return whether {@code requireRecentLogin} and {@code requireAcr} can be met
	 */
	public boolean provesReauthentication() {
		// Google sends auth_time only with its optional session age claims, and ignores
		// acr_values
		return this != GITHUB && this != GOOGLE && this != MICROSOFT && this != APPLE;
	}

	/**
	 * The response mode users of this provider need by default.
	 * @return the default response mode
	 */
	public ResponseMode defaultResponseMode() {
		return (this == APPLE) ? ResponseMode.FORM_POST : ResponseMode.QUERY;
	}

	/**
	 * The {@code aud} of client assertions when the user names none: the token endpoint
	 * where the provider documents only that (Microsoft Entra ID, Okta), else the issuer
	 * (Auth0 and Keycloak accept it; the others take no assertions).
	 * @return the preset's assertion audience
	 */
	public ClientAssertionAudience clientAssertionAudience() {
		return (this == MICROSOFT || this == OKTA) ? ClientAssertionAudience.TOKEN_ENDPOINT
				: ClientAssertionAudience.ISSUER;
	}

	/**
	 * The scopes asked for when the user names none.
	 * @return the default scopes
	 */
	public List<String> scopes() {
		return this.scopes;
	}

	/**
	 * The attribute that names the user when the user names none.
	 * @return the attribute name
	 */
	public String userNameAttribute() {
		return this.userNameAttribute;
	}

	/**
	 * Extra authorization parameters sent unless the user overrides them.
	 * @return the parameters
	 */
	public Map<String, String> authorizationParameters() {
		return this.authorizationParameters;
	}

	/**
	 * The provider's endpoints for the given settings.
	 * @param settings the preset-specific settings
	 * @return the endpoints
	 * @throws MissingPresetSettingException when a needed setting is missing
	 */
	public ProviderEndpoints endpoints(PresetSettings settings) {
		return this.endpoints.apply(this, settings);
	}

	/**
	 * Where to discover the issuer when the preset's settings name the tenant by an alias
	 * whose canonical issuer only the provider knows (a Microsoft tenant given by domain
	 * name).
	 * @param settings the preset-specific settings
	 * @return the discovery location, or {@code null} when the issuer is known
	 */
	public @Nullable String aliasDiscoveryLocation(PresetSettings settings) {
		if (this != MICROSOFT || endpoints(settings).issuer() != null) {
			return null;
		}
		return MicrosoftTenant.of(settings.tenant()).discoveryLocation();
	}

	private String required(@Nullable String value, String setting) {
		if (value == null || value.isBlank()) {
			throw new MissingPresetSettingException(this, setting);
		}
		return value;
	}

	private static ProviderEndpoints fromCommon(CommonOAuth2Provider provider, @Nullable String revocation) {
		ClientRegistration.ProviderDetails details = provider.getBuilder("preset")
			.clientId("preset")
			.build()
			.getProviderDetails();
		return ProviderEndpoints.builder()
			.issuer(details.getIssuerUri())
			.authorization(details.getAuthorizationUri())
			.token(details.getTokenUri())
			.userInfo(details.getUserInfoEndpoint().getUri())
			.jwkSet(details.getJwkSetUri())
			.revocation(revocation)
			.build();
	}

	static String httpsBase(String value) {
		String base = value.strip();
		while (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return (base.startsWith("https://") || base.startsWith("http://")) ? base : "https://" + base;
	}

}
