package io.github.authstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.authstarter.access.AuthorityRules;
import io.github.authstarter.access.AuthoritySource;
import io.github.authstarter.access.ClaimPath;
import io.github.authstarter.access.EmailVerification;
import io.github.authstarter.access.SignInRules;
import io.github.authstarter.provider.PresetSettings;
import io.github.authstarter.provider.ProviderPreset;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns {@code auth.providers.<id>.authorities.*} and the sign-in properties into rules,
 * with each preset's defaults for where a provider puts roles and groups. A claim path
 * that cannot be parsed fails at startup naming the property.
 */
final class AccessRulesMapper {

	private static final List<AuthoritySource> ID_TOKEN_AND_USERINFO = List.of(AuthoritySource.ID_TOKEN,
			AuthoritySource.USERINFO);

	private final AuthProperties properties;

	private final @Nullable StoredProviders stored;

	AccessRulesMapper(AuthProperties properties, @Nullable StoredProviders stored) {
		this.properties = properties;
		this.stored = stored;
	}

	Map<String, AuthorityRules> authorityRules() {
		Map<String, AuthorityRules> rules = new LinkedHashMap<>();
		this.properties.getProviders().forEach((id, provider) -> rules.put(id, authorityRules(id, provider)));
		return ProviderSettingMap.of(rules, this.stored, CompiledProvider::authorityRules);
	}

	Map<String, SignInRules> signInRules() {
		Map<String, SignInRules> rules = new LinkedHashMap<>();
		this.properties.getProviders().forEach((id, provider) -> rules.put(id, signInRules(id, provider)));
		return ProviderSettingMap.of(rules, this.stored, CompiledProvider::signInRules);
	}

	static SignInRules signInRules(String id, AuthProviderProperties provider) {
		ProviderPreset preset = ProviderPropertiesValidator.validate(id, provider);
		List<String> tenants = trimmed(provider.getAllowedTenants()).stream()
			.map((tenant) -> tenant.toLowerCase(Locale.ROOT))
			.toList();
		try {
			return new SignInRules(tenants, blankToNull(provider.getHostedDomain()), provider.isRequireVerifiedEmail(),
					trimmed(provider.getAllowedEmailDomains()), trimmed(provider.getRequiredAuthorities()),
					provider.getAuthorities().getPrefix(), emailVerification(preset, provider));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("auth.providers." + id + ".allowed-email-domains",
					provider.getAllowedEmailDomains(), ex.getMessage());
		}
	}

	/**
	 * Entra sends no {@code email_verified}: one tenant's addresses are its own admins',
	 * several tenants' are anyone's unless the domain owner verified them
	 * ({@code xms_edov}).
	 */
	private static EmailVerification emailVerification(@Nullable ProviderPreset preset,
			AuthProviderProperties provider) {
		if (preset != ProviderPreset.MICROSOFT) {
			return EmailVerification.EMAIL_VERIFIED_CLAIM;
		}
		boolean severalTenants = preset.endpoints(new PresetSettings(provider.getTenant(), null, null, null))
			.templatedIssuer();
		return severalTenants ? EmailVerification.MICROSOFT_XMS_EDOV : EmailVerification.MICROSOFT_TENANT;
	}

	static AuthorityRules authorityRules(String id, AuthProviderProperties provider) {
		AuthAuthoritiesProperties authorities = provider.getAuthorities();
		ProviderPreset preset = ProviderPropertiesValidator.validate(id, provider);
		List<String> claims = (authorities.getClaims() != null) ? authorities.getClaims()
				: presetClaims(preset, provider.getClientId());
		List<AuthoritySource> sources = (authorities.getSources() != null) ? authorities.getSources()
				: presetSources(preset);
		String property = "auth.providers." + id + ".authorities.claims";
		List<ClaimPath> paths = claims.stream().map((claim) -> {
			try {
				return ClaimPath.parse(claim);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(property, claim, ex.getMessage());
			}
		}).toList();
		if (!paths.isEmpty() && sources.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException("auth.providers." + id + ".authorities.sources", "",
					"name at least one of id-token, userinfo, access-token to read the claims from");
		}
		return new AuthorityRules(paths, sources, authorities.getPrefix(), authorities.getMapping(),
				trimmed(authorities.getDefaults()), authorities.isIncludeScopes());
	}

	/**
	 * Where each provider puts roles or groups by default: Entra app roles in the ID
	 * token, Keycloak realm and client roles only in the access token, Okta groups when
	 * the groups claim is configured.
	 */
	private static List<String> presetClaims(@Nullable ProviderPreset preset, @Nullable String clientId) {
		if (preset == null) {
			return List.of();
		}
		return switch (preset) {
			case MICROSOFT -> List.of("roles");
			case KEYCLOAK -> List.of("realm_access.roles", "resource_access.\"" + clientId.strip() + "\".roles");
			case OKTA -> List.of("groups");
			default -> List.of();
		};
	}

	private static List<AuthoritySource> presetSources(@Nullable ProviderPreset preset) {
		if (preset == ProviderPreset.KEYCLOAK) {
			return List.of(AuthoritySource.ACCESS_TOKEN);
		}
		return ID_TOKEN_AND_USERINFO;
	}

	private static List<String> trimmed(List<String> values) {
		return values.stream().map(String::strip).filter((value) -> !value.isEmpty()).toList();
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
