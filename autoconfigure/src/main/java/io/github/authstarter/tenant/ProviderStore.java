package io.github.authstarter.tenant;

/**
 * A {@link ProviderSource} the application writes to: a provider saved or removed on one
 * instance is seen by every instance within a second, without a restart.
 */
public interface ProviderStore extends ProviderSource {

	/**
	 * Checks and saves a provider, adding it or replacing the one with its id.
	 * @param provider the provider; its version is ignored
	 * @return the provider as saved, with its new version
	 * @throws InvalidProviderException when a setting is invalid (nothing is saved)
	 */
	StoredProvider save(StoredProvider provider);

	/**
	 * Removes a provider.
	 * @param id the provider id
	 * @return whether there was one
	 */
	boolean remove(String id);

}
