package io.github.authstarter.tenant;

/**
 * Tells every instance that a stored provider changed, so each drops what it compiled of
 * it and reads it again at its next use. The starter's stores call it after each write;
 * an application whose own {@link ProviderSource} changed calls it too.
 */
@FunctionalInterface
public interface ProviderChanges {

	/**
	 * Announces a change of one provider: added, changed, disabled or removed.
	 * @param id the provider id
	 */
	void changed(String id);

}
