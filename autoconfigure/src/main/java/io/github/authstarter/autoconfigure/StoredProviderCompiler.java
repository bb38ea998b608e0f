package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.JWK;
import io.github.authstarter.access.AuthorityRules;
import io.github.authstarter.access.SignInRules;
import io.github.authstarter.provider.MissingPresetSettingException;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.tenant.InvalidProviderException;
import io.github.authstarter.tenant.StoredProvider;
import io.github.authstarter.tenant.StoredProviderCheck;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Compiles a stored provider with the very binding and checks {@code auth.providers.*}
 * pass at startup, so a bad definition is refused when it is saved, naming the setting,
 * instead of failing at its first login. Settings that name files, key stores or SSL
 * bundles of the server are refused: whoever writes to the store must not make the
 * application read its files.
 */
final class StoredProviderCompiler implements StoredProviderCheck {

	private static final String PREFIX = "provider";

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

	private static final Set<String> SERVER_FILES = Set.of("client-key", "private-key", "ssl-bundle", "team-id",
			"key-id");

	private static final int MAX_SETTINGS = 200;

	private final ProviderDefinitionMapper definitions;

	private final Set<String> configuredIds;

	private final Clock clock;

	private final StoredProviderLimits limits;

	StoredProviderCompiler(AuthProperties properties, Clock clock) {
		this.limits = new StoredProviderLimits(properties.getProviderStore().isAllowLoopback());
		this.definitions = new ProviderDefinitionMapper(properties);
		this.configuredIds = Set.copyOf(properties.getProviders().keySet());
		this.clock = clock;
	}

	/**
	 * Checks what a stored provider's discovery found.
	 * @param registration the discovered registration
	 */
	void checkDiscovered(ClientRegistration registration) {
		this.limits.checkDiscovered(registration);
	}

	@Override
	public void check(StoredProvider provider) {
		compile(provider);
	}

	CompiledProvider compile(StoredProvider provider) {
		String id = provider.id();
		if (!ID.matcher(id).matches()) {
			throw new InvalidProviderException(id, null,
					"an id is 1 to 63 lowercase letters, digits and '-', starting with a letter or digit");
		}
		if (this.configuredIds.contains(id)) {
			throw new InvalidProviderException(id, null, "auth.providers." + id + " is configured with this id");
		}
		if (provider.tenant() != null && !TENANT.matcher(provider.tenant()).matches()) {
			throw new InvalidProviderException(id, null,
					"a tenant is 1 to 128 lowercase letters, digits, '.', '_' and '-', starting with a letter or "
							+ "digit");
		}
		if (provider.settings().size() > MAX_SETTINGS) {
			throw new InvalidProviderException(id, null, "more than " + MAX_SETTINGS + " settings");
		}
		this.limits.checkNames(id, provider.settings());
		AuthProviderProperties settings = bind(provider);
		this.limits.checkBound(id, settings);
		String prefix = "auth.providers." + id + ".";
		try {
			ProviderDefinition definition = this.definitions.definition(id, settings);
			this.limits.checkAddresses(id, definition, settings);
			AuthorityRules authorities = AccessRulesMapper.authorityRules(id, settings);
			SignInRules signIn = AccessRulesMapper.signInRules(id, settings);
			JWK key = ClientKeyLoader.assertionKey(id, settings, null);
			return new CompiledProvider(provider.summary(), settings, definition, authorities, signIn,
					ApiDefinitionMapper.apis(id, settings), key, this.clock.millis());
		}
		catch (InvalidProviderException ex) {
			throw ex;
		}
		catch (InvalidConfigurationPropertyValueException ex) {
			String name = ex.getName();
			throw new InvalidProviderException(id, name.startsWith(prefix) ? name.substring(prefix.length()) : name,
					ex.getReason());
		}
		catch (MissingPresetSettingException ex) {
			throw new InvalidProviderException(id, ex.setting(), ex.getMessage());
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidProviderException(id, null, String.valueOf(ex.getMessage()));
		}
	}

	private static AuthProviderProperties bind(StoredProvider provider) {
		Map<String, String> source = new HashMap<>();
		provider.settings().forEach((name, value) -> {
			if (Arrays.stream(name.split("[.\\[\\]]")).anyMatch(SERVER_FILES::contains)) {
				throw new InvalidProviderException(provider.id(), name,
						"names a file, key store or SSL bundle of the server: a stored provider authenticates with "
								+ "client-secret (client_secret_basic, client_secret_post or client_secret_jwt)");
			}
			source.put(PREFIX + "." + name, value);
		});
		Set<String> boundNames = new HashSet<>();
		AuthProviderProperties bound;
		try {
			bound = new Binder(new MapConfigurationPropertySource(source))
				.bind(PREFIX, Bindable.of(AuthProviderProperties.class),
						new CanonicalNames(new NoUnboundElementsBindHandler(BindHandler.DEFAULT), boundNames))
				.orElseGet(AuthProviderProperties::new);
		}
		catch (BindException ex) {
			throw new InvalidProviderException(provider.id(), setting(ex), reason(ex));
		}
		// Boot binds clientsecret to client-secret: every check by name (and the sealing
		// of
		// the secret) reads the canonical one only, so a setting bound under another name
		// is refused
		String alias = source.keySet()
			.stream()
			.filter((name) -> !boundNames.contains(name))
			.sorted()
			.findFirst()
			.orElse(null);
		if (alias != null) {
			throw new InvalidProviderException(provider.id(), withoutPrefix(alias),
					"write setting names as the properties reference does (client-id, not clientid)");
		}
		return bound;
	}

	private static @Nullable String setting(BindException ex) {
		if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
			return unbound.getUnboundProperties()
				.stream()
				.map(ConfigurationProperty::getName)
				.map(Object::toString)
				.map(StoredProviderCompiler::withoutPrefix)
				.sorted()
				.findFirst()
				.orElse(null);
		}
		return (ex.getProperty() != null) ? withoutPrefix(ex.getProperty().getName().toString()) : null;
	}

	private static String reason(BindException ex) {
		if (ex.getCause() instanceof UnboundConfigurationPropertiesException) {
			return "is not a provider setting";
		}
		Throwable cause = ex.getCause();
		while (cause != null && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return "cannot be read: " + ((cause != null) ? cause.getMessage() : ex.getMessage());
	}

	private static String withoutPrefix(String name) {
		return name.startsWith(PREFIX + ".") ? name.substring(PREFIX.length() + 1) : name;
	}

	/**
	 * Records the canonical name of every setting bound from a value.
	 */
	private static final class CanonicalNames extends AbstractBindHandler {

		private final Set<String> boundNames;

		CanonicalNames(BindHandler parent, Set<String> boundNames) {
			super(parent);
			this.boundNames = boundNames;
		}

		@Override
		public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Object result) {
			if (context.getConfigurationProperty() != null) {
				this.boundNames.add(name.toString());
			}
			return super.onSuccess(name, target, context, result);
		}

	}

}
