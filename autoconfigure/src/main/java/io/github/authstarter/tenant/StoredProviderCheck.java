package io.github.authstarter.tenant;

/**
 * Checks a provider's definition the way {@code auth.providers.*} are checked at startup,
 * before a store saves it.
 */
@FunctionalInterface
public interface StoredProviderCheck {

	/**
	 * Checks a definition.
	 * @param provider the provider
	 * @throws InvalidProviderException naming the setting at fault
	 */
	void check(StoredProvider provider);

}
