package io.github.authstarter.provider;

import java.util.List;

/**
 * A login could not start because the provider's metadata lacks what its profile
 * ({@code auth.providers.<id>.profile}) requires: a weaker login is never the fallback.
 */
public final class ProviderProfileUnmetException extends RuntimeException {

	private final String registrationId;

	private final List<String> missing;

	ProviderProfileUnmetException(String registrationId, List<String> missing) {
		super("Provider '" + registrationId + "' does not offer what auth.providers." + registrationId
				+ ".profile requires; its metadata lacks " + String.join(", ", missing), null, false, false);
		this.registrationId = registrationId;
		this.missing = List.copyOf(missing);
	}

	/**
	 * The provider.
	 * @return the provider id
	 */
	public String registrationId() {
		return this.registrationId;
	}

	/**
	 * What the provider's metadata lacks, as metadata names with the value required.
	 * @return the missing features
	 */
	public List<String> missing() {
		return this.missing;
	}

}
