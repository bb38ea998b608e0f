package io.github.authstarter.tenant;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.json.JsonObjects;
import io.github.authstarter.session.TokenCipher;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Providers kept in the application's database, in the {@code auth_provider} table
 * ({@code io/github/authstarter/tenant/schema.sql}): one row per provider, its settings
 * as JSON (the client secret sealed like the session's tokens when they are encrypted). A
 * version is the time of the save in milliseconds, or one more than the last when the
 * clock has not moved on, so a provider removed and added again never takes a version an
 * instance still holds.
 */
public final class JdbcProviderStore implements ProviderStore {

	private final JdbcClient jdbc;

	private final StoredProviderCheck check;

	private final ProviderChanges changes;

	private final ProviderSecrets secrets;

	private final Clock clock;

	/**
	 * Creates the store.
	 * @param jdbc the application's database
	 * @param check the check every definition passes before it is saved
	 * @param changes where saves and removals are announced
	 * @param cipher seals the client secret
	 * @param clock numbers the versions
	 */
	public JdbcProviderStore(JdbcClient jdbc, StoredProviderCheck check, ProviderChanges changes, TokenCipher cipher,
			Clock clock) {
		this.jdbc = jdbc;
		this.check = check;
		this.changes = changes;
		this.secrets = new ProviderSecrets(cipher);
		this.clock = clock;
	}

	@Override
	public @Nullable StoredProvider find(String id) {
		return this.jdbc.sql("SELECT id, tenant, enabled, version, settings FROM auth_provider WHERE id = ?")
			.param(id)
			.query((row, number) -> new StoredProvider(row.getString("id"), row.getString("tenant"),
					row.getBoolean("enabled"),
					this.secrets.opened(row.getString("id"), read(row.getString("settings"))), row.getLong("version")))
			.optional()
			.orElse(null);
	}

	@Override
	public List<StoredProvider.Summary> summaries() {
		return this.jdbc.sql("SELECT id, tenant, enabled, version, email_domains FROM auth_provider")
			.query((row, number) -> new StoredProvider.Summary(row.getString("id"), row.getString("tenant"),
					row.getBoolean("enabled"), row.getLong("version"), domains(row.getString("email_domains"))))
			.list();
	}

	@Override
	public StoredProvider save(StoredProvider provider) {
		this.check.check(provider);
		String settings = JsonObjects.write(this.secrets.sealed(provider.id(), provider.settings()));
		String domains = String.join(",", provider.summary().emailDomains());
		long now = this.clock.millis();
		for (int attempt = 0; attempt < 3; attempt++) {
			int updated = this.jdbc
				.sql("UPDATE auth_provider SET tenant = ?, enabled = ?, settings = ?, email_domains = ?, "
						+ "version = CASE WHEN version >= ? THEN version + 1 ELSE ? END WHERE id = ?")
				.params(provider.tenant(), provider.enabled(), settings, domains, now, now, provider.id())
				.update();
			if (updated == 0) {
				try {
					this.jdbc
						.sql("INSERT INTO auth_provider (id, tenant, enabled, version, settings, email_domains) "
								+ "VALUES (?, ?, ?, ?, ?, ?)")
						.params(provider.id(), provider.tenant(), provider.enabled(), now, settings, domains)
						.update();
				}
				catch (DuplicateKeyException ex) {
					// saved by another instance meanwhile: update that row
					continue;
				}
			}
			Long version = this.jdbc.sql("SELECT version FROM auth_provider WHERE id = ?")
				.param(provider.id())
				.query(Long.class)
				.optional()
				.orElse(now);
			this.changes.changed(provider.id());
			return provider.withVersion(version);
		}
		throw new IllegalStateException("Provider '" + provider.id() + "' is being saved elsewhere: try again");
	}

	@Override
	public boolean remove(String id) {
		int removed = this.jdbc.sql("DELETE FROM auth_provider WHERE id = ?").param(id).update();
		this.changes.changed(id);
		return removed > 0;
	}

	private static List<String> domains(@Nullable String listed) {
		return (listed == null || listed.isEmpty()) ? List.of() : List.of(listed.split(","));
	}

	private static Map<String, String> read(String json) {
		Map<String, String> settings = new LinkedHashMap<>();
		JsonObjects.read(json).forEach((name, value) -> settings.put(name, String.valueOf(value)));
		return settings;
	}

}
