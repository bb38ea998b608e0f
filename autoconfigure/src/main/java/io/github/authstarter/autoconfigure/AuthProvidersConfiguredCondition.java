package io.github.authstarter.autoconfigure;

import java.util.Collections;
import java.util.Map;

import io.github.authstarter.tenant.ProviderSource;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one provider is configured under {@code auth.providers}, or a
 * store may supply them ({@code auth.provider-store.type}, or an application's own
 * {@link ProviderSource}), so an application without providers starts as if the starter
 * were absent.
 */
class AuthProvidersConfiguredCondition extends SpringBootCondition {

	private static final Bindable<Map<String, AuthProviderProperties>> PROVIDERS = Bindable.mapOf(String.class,
			AuthProviderProperties.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Auth providers configured");
		Map<String, AuthProviderProperties> providers = providers(context.getEnvironment());
		if (!providers.isEmpty()) {
			return ConditionOutcome.match(message.foundExactly("providers " + providers.keySet()));
		}
		if (store(context.getEnvironment())) {
			return ConditionOutcome.match(message.found("provider store")
				.items(context.getEnvironment().getProperty("auth.provider-store.type", "")));
		}
		if (context.getBeanFactory() != null
				&& context.getBeanFactory().getBeanNamesForType(ProviderSource.class, true, false).length > 0) {
			return ConditionOutcome.match(message.found("provider source").items(ProviderSource.class.getName()));
		}
		return ConditionOutcome.noMatch(message.didNotFind("providers").atAll());
	}

	/**
	 * Whether the configuration names providers or a store, as this condition reads it;
	 * an application's own {@link ProviderSource} aside.
	 */
	static boolean configured(Environment environment) {
		return !providers(environment).isEmpty() || store(environment);
	}

	private static Map<String, AuthProviderProperties> providers(Environment environment) {
		return Binder.get(environment).bind("auth.providers", PROVIDERS).orElse(Collections.emptyMap());
	}

	private static boolean store(Environment environment) {
		String store = environment.getProperty("auth.provider-store.type", "none").strip();
		return !store.isEmpty() && !"none".equalsIgnoreCase(store);
	}

}
