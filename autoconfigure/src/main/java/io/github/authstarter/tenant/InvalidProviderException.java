package io.github.authstarter.tenant;

import org.jspecify.annotations.Nullable;

/**
 * A stored provider's definition that cannot work, naming the setting at fault: thrown
 * when it is saved, and logged (the provider refusing logins) when a definition changed
 * behind the store's back no longer compiles.
 */
public class InvalidProviderException extends IllegalArgumentException {

	private final String providerId;

	private final @Nullable String setting;

	/**
	 * Creates the exception.
	 * @param providerId the provider id
	 * @param setting the setting at fault, as named in {@link StoredProvider#settings()},
	 * or {@code null} for the definition as a whole
	 * @param reason what is wrong and how to fix it
	 */
	public InvalidProviderException(String providerId, @Nullable String setting, String reason) {
		super("Provider '" + providerId + "'" + ((setting != null) ? ", setting '" + setting + "'" : "") + ": "
				+ reason);
		this.providerId = providerId;
		this.setting = setting;
	}

	/**
	 * The provider id.
	 * @return the id
	 */
	public String getProviderId() {
		return this.providerId;
	}

	/**
	 * The setting at fault.
	 * @return its name, or {@code null} for the definition as a whole
	 */
	public @Nullable String getSetting() {
		return this.setting;
	}

}
