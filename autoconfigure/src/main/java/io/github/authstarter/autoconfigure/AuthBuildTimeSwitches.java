package io.github.authstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The switches a build decides for good when it processes the application ahead of time:
 * the conditions that read them are evaluated then. The values seen when the bean
 * definitions were made are written into this bean's definition; started in AOT mode with
 * other values, the application stops, naming the property, instead of running without
 * tenants, a store or the starter itself where the configuration asks for them.
 */
final class AuthBuildTimeSwitches {

	/** The switches whose conditions ask for one of some values, and those values. */
	private static final Map<String, List<String>> CHOICES = Map.of("auth.provider-store.type",
			List.of("redis", "jdbc"), "auth.tenants.resolution", List.of("host", "path", "header"));

	/** The boolean switches and their value when unset, as their conditions read them. */
	private static final Map<String, Boolean> FLAGS = Map.of("auth.tenants.email-sign-in", false,
			"auth.refresh.on-request", false, "auth.session.client-cache.enabled", false,
			"auth.web.pages.remember-provider", true);

	private static final String HEALTH = "management.health.auth.enabled";

	static final String PROVIDERS = "auth.providers";

	private final Map<String, String> built;

	AuthBuildTimeSwitches(String built, Environment environment) {
		this.built = decode(built);
		if (AotDetector.useGeneratedArtifacts()) {
			check(environment);
		}
	}

	/**
	 * Refuses values the build did not decide with.
	 * @param environment the configuration the application starts with
	 * @throws InvalidConfigurationPropertyValueException naming the first that differs
	 */
	void check(Environment environment) {
		Map<String, String> now = read(environment);
		this.built.forEach((name, value) -> {
			String started = now.get(name);
			if (!value.equals(started)) {
				throw new InvalidConfigurationPropertyValueException(name, started,
						"the application was processed ahead of time with " + name + " " + value
								+ ", which decided what is built for good: set it where the build sees it "
								+ "(application.yml or the process-aot arguments) and build again");
			}
		});
	}

	/**
	 * What each switch's condition decides, read as the condition reads it: a value no
	 * condition asks for decides as no value does.
	 */
	static Map<String, String> read(Environment environment) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put(PROVIDERS, AuthProvidersConfiguredCondition.configured(environment) ? "configured" : "none");
		CHOICES.forEach((name, choices) -> {
			String value = environment.getProperty(name, "");
			values.put(name, choices.stream().filter(value::equalsIgnoreCase).findFirst().orElse("none"));
		});
		FLAGS.forEach((name, unset) -> {
			String value = environment.getProperty(name);
			values.put(name, String.valueOf((value != null) ? "true".equalsIgnoreCase(value) : unset));
		});
		String health = environment.getProperty(HEALTH,
				environment.getProperty("management.health.defaults.enabled", "true"));
		values.put(HEALTH, String.valueOf("true".equalsIgnoreCase(health)));
		return values;
	}

	static String encode(Map<String, String> values) {
		StringBuilder text = new StringBuilder();
		values.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
		return text.toString();
	}

	private static Map<String, String> decode(String text) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			int equals = line.indexOf('=');
			if (equals > 0) {
				values.put(line.substring(0, equals), line.substring(equals + 1));
			}
		}
		return values;
	}

	/**
	 * Writes the values seen now into the bean's definition: ahead of time, now is the
	 * build.
	 */
	static final class Registrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

		private Environment environment;

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			RootBeanDefinition definition = new RootBeanDefinition(AuthBuildTimeSwitches.class);
			// nothing depends on it: under lazy initialization it would never check
			definition.setLazyInit(false);
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, encode(read(this.environment)));
			registry.registerBeanDefinition("authBuildTimeSwitches", definition);
		}

	}

}
