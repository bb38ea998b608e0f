package io.github.authstarter.tenant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.json.JsonObjects;
import io.github.authstarter.redis.AuthRedisKeys;
import io.github.authstarter.session.TokenCipher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Providers kept in the starter's own Redis: two hashes (summaries, settings) under one
 * hash tag, written together in a transaction, and a counter that numbers versions. The
 * client secret is sealed like the session's tokens when they are encrypted.
 */
public final class RedisProviderStore implements ProviderStore {

	/**
	 * Both halves of one provider, in one round trip and from one instant: a provider's
	 * first use on an instance waits for this read. KEYS: the summaries, the settings;
	 * ARGV[1]: the id.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> READ = RedisScript
		.of("return {redis.call('hget', KEYS[1], ARGV[1]), redis.call('hget', KEYS[2], ARGV[1])}", List.class);

	private final StringRedisTemplate redis;

	private final AuthRedisKeys keys;

	private final StoredProviderCheck check;

	private final ProviderChanges changes;

	private final ProviderSecrets secrets;

	/**
	 * Creates the store.
	 * @param redis the starter's Redis
	 * @param keys the starter's keys
	 * @param check the check every definition passes before it is saved
	 * @param changes where saves and removals are announced
	 * @param cipher seals the client secret
	 */
	public RedisProviderStore(StringRedisTemplate redis, AuthRedisKeys keys, StoredProviderCheck check,
			ProviderChanges changes, TokenCipher cipher) {
		this.redis = redis;
		this.keys = keys;
		this.check = check;
		this.changes = changes;
		this.secrets = new ProviderSecrets(cipher);
	}

	@Override
	public @Nullable StoredProvider find(String id) {
		List<?> halves = this.redis.execute(READ,
				List.of(this.keys.storedProviders(), this.keys.storedProviderSettings()), id);
		Object summary = (halves != null && halves.size() == 2) ? halves.get(0) : null;
		Object json = (halves != null && halves.size() == 2) ? halves.get(1) : null;
		if (summary == null || json == null) {
			return null;
		}
		StoredProvider.Summary read = summary(id, summary.toString());
		Map<String, String> settings = new LinkedHashMap<>();
		JsonObjects.read(json.toString()).forEach((name, value) -> settings.put(name, String.valueOf(value)));
		return new StoredProvider(id, read.tenant(), read.enabled(), this.secrets.opened(id, settings), read.version());
	}

	@Override
	public List<StoredProvider.Summary> summaries() {
		List<StoredProvider.Summary> summaries = new ArrayList<>();
		this.redis.<String, String>opsForHash().entries(this.keys.storedProviders()).forEach((id, json) -> {
			try {
				summaries.add(summary(id, json));
			}
			catch (RuntimeException ex) {
				// one row written by hand must not hide every other provider
				logger.warn("Ignoring the unreadable summary of stored provider '" + id + "': " + ex.getMessage());
			}
		});
		return summaries;
	}

	@Override
	public StoredProvider save(StoredProvider provider) {
		this.check.check(provider);
		Long version = this.redis.opsForValue().increment(this.keys.storedProviderVersions());
		StoredProvider saved = provider.withVersion((version != null) ? version : 1);
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("tenant", saved.tenant());
		summary.put("enabled", saved.enabled());
		summary.put("version", saved.version());
		summary.put("emailDomains", saved.summary().emailDomains());
		String summaryJson = JsonObjects.write(summary);
		String settingsJson = JsonObjects.write(this.secrets.sealed(saved.id(), saved.settings()));
		this.redis.execute(new SessionCallback<List<Object>>() {
			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public List<Object> execute(RedisOperations operations) throws DataAccessException {
				operations.multi();
				operations.opsForHash().put(RedisProviderStore.this.keys.storedProviders(), saved.id(), summaryJson);
				operations.opsForHash()
					.put(RedisProviderStore.this.keys.storedProviderSettings(), saved.id(), settingsJson);
				return operations.exec();
			}
		});
		this.changes.changed(saved.id());
		return saved;
	}

	@Override
	public boolean remove(String id) {
		List<Object> results = this.redis.execute(new SessionCallback<List<Object>>() {
			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public List<Object> execute(RedisOperations operations) throws DataAccessException {
				operations.multi();
				operations.opsForHash().delete(RedisProviderStore.this.keys.storedProviders(), id);
				operations.opsForHash().delete(RedisProviderStore.this.keys.storedProviderSettings(), id);
				return operations.exec();
			}
		});
		this.changes.changed(id);
		return results != null && !results.isEmpty() && Long.valueOf(1).equals(results.get(0));
	}

	private static final Log logger = LogFactory.getLog(RedisProviderStore.class);

	private static StoredProvider.Summary summary(String id, String json) {
		Map<String, Object> summary = JsonObjects.read(json);
		Object tenant = summary.get("tenant");
		List<String> domains = new ArrayList<>();
		if (summary.get("emailDomains") instanceof List<?> listed) {
			listed.forEach((domain) -> domains.add(String.valueOf(domain)));
		}
		return new StoredProvider.Summary(id, (tenant != null) ? tenant.toString() : null,
				Boolean.TRUE.equals(summary.get("enabled")), ((Number) summary.get("version")).longValue(), domains);
	}

}
