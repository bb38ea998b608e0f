package io.github.authstarter.web;

import java.util.function.Function;

import io.github.authstarter.provider.ProviderDefinition;
import org.jspecify.annotations.Nullable;

/**
 * How pages name a provider: by the display name of a configured one, never by an id
 * taken from the request, which anyone can put in a link they send.
 */
final class ProviderNames {

	private final Function<String, @Nullable ProviderDefinition> definitions;

	/**
	 * Creates the names.
	 * @param definitions the configured provider of an id, or {@code null} (such as
	 * {@code ProviderRegistrations::definition})
	 */
	ProviderNames(Function<String, @Nullable ProviderDefinition> definitions) {
		this.definitions = definitions;
	}

	/**
	 * The subject of a sentence about the provider.
	 * @param id the provider id from the request
	 * @return "The sign-in provider Google", or "The sign-in provider" for an id that is
	 * not configured
	 */
	String provider(String id) {
		ProviderDefinition definition = this.definitions.apply(id);
		return (definition != null) ? "The sign-in provider " + definition.displayName() : "The sign-in provider";
	}

}
