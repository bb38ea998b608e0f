package io.github.authstarter.tenant;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Supplies provider definitions besides {@code auth.providers.*}: a database, the
 * starter's Redis, or an application's own customer records. Read on demand: an instance
 * keeps only the summaries of every provider and compiles a provider's settings when a
 * request first needs it. A source whose providers change outside the starter tells every
 * instance through {@link ProviderChanges#changed(String)}.
 */
public interface ProviderSource {

	/**
	 * Returns one provider with its settings.
	 * @param id the provider id
	 * @return the provider, or {@code null} if there is none with that id
	 */
	@Nullable StoredProvider find(String id);

	/**
	 * Returns every provider, without settings.
	 * @return the summaries
	 */
	List<StoredProvider.Summary> summaries();

}
