package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.github.authstarter.actuate.StoredProvidersHealthIndicator;
import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.tenant.InvalidProviderException;
import io.github.authstarter.tenant.ProviderSource;
import io.github.authstarter.tenant.StoredProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * This instance's view of the stored providers: the summary of every one, read on first
 * use and again every refresh interval, and the compiled settings of those a request
 * needed, dropped when a change is announced or the version moves. An id the store does
 * not hold costs a map lookup, never a read of the store, so made-up ids in login URLs
 * cannot make the store work.
 */
class StoredProviders implements Consumer<String> {

	private static final Log logger = LogFactory.getLog(StoredProviders.class);

	static final int MAX_LISTED = 50;

	private final ProviderSource source;

	private final StoredProviderCompiler compiler;

	private final StoredProviderSummaries summaries;

	private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

	StoredProviders(ProviderSource source, StoredProviderCompiler compiler, Clock clock, Duration refreshInterval) {
		this.source = source;
		this.compiler = compiler;
		this.summaries = new StoredProviderSummaries(source, clock, refreshInterval);
	}

	/**
	 * A provider's compiled settings, disabled or not.
	 * @param id the provider id
	 * @return them, or {@code null} when the store holds no such provider or its
	 * definition no longer compiles
	 */
	@Nullable CompiledProvider find(String id) {
		StoredProvider.Summary summary = summaries().get(id);
		if (summary == null) {
			return null;
		}
		Compiled held = this.compiled.get(id);
		if (held != null && held.version() == summary.version()) {
			return held.provider();
		}
		return read(id, false);
	}

	/** A provider's compiled settings when it may be used now, or {@code null}. */
	@Nullable CompiledProvider active(String id) {
		// the summary read last decides, even when a hand-made change kept the version
		StoredProvider.Summary summary = summaries().get(id);
		return (summary != null && summary.enabled()) ? find(id) : null;
	}

	/**
	 * The tenant of a stored provider, from the summaries alone: no read of the store.
	 */
	@Nullable String tenantOf(String id) {
		StoredProvider.Summary summary = summaries().get(id);
		return (summary != null) ? summary.tenant() : null;
	}

	/**
	 * The providers of a tenant that may be used now, in id order: those a sign-in page
	 * lists for it, at most {@value #MAX_LISTED}.
	 * @param tenant the tenant
	 * @return the providers
	 */
	List<CompiledProvider> ofTenant(String tenant) {
		List<CompiledProvider> providers = new ArrayList<>();
		summaries().values()
			.stream()
			.filter((summary) -> summary.enabled() && tenant.equals(summary.tenant()))
			.map(StoredProvider.Summary::id)
			.sorted()
			.limit(MAX_LISTED)
			.forEach((id) -> {
				CompiledProvider provider = active(id);
				if (provider != null) {
					providers.add(provider);
				}
			});
		return providers;
	}

	/**
	 * The enabled providers whose {@code allowed-email-domains} name a domain, in id
	 * order, from the summaries alone.
	 * @param domain the domain, lowercase
	 * @return their summaries
	 */
	List<StoredProvider.Summary> forEmailDomain(String domain) {
		return summaries().values()
			.stream()
			.filter((summary) -> summary.enabled() && summary.emailDomains().contains(domain))
			.sorted(Comparator.comparing(StoredProvider.Summary::id))
			.toList();
	}

	/**
	 * Whether the store says a provider was removed or disabled, so its sessions end. A
	 * store that cannot be read says nothing: a blip does not sign anyone out.
	 * @param id the provider id
	 * @return whether it is gone or disabled
	 */
	boolean ended(String id) {
		return Boolean.FALSE.equals(usable(id));
	}

	/** Whether a provider may be used now, from memory; not when the store is unread. */
	boolean holds(String id) {
		return Boolean.TRUE.equals(usable(id));
	}

	private @Nullable Boolean usable(String id) {
		try {
			StoredProvider.Summary summary = summaries().get(id);
			return summary != null && summary.enabled();
		}
		catch (ProviderUnavailableException ex) {
			return null;
		}
	}

	/** What this instance holds of the store, for its health. */
	StoredProvidersHealthIndicator.Snapshot snapshot() {
		Map<String, StoredProvider.Summary> summaries = summaries();
		int enabled = (int) summaries.values().stream().filter(StoredProvider.Summary::enabled).count();
		List<String> inUse = this.compiled.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().provider() != null)
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
		return new StoredProvidersHealthIndicator.Snapshot(summaries.size(), enabled, inUse);
	}

	/**
	 * A provider changed: what this instance holds of it is read again now.
	 * @param id the provider id
	 */
	@Override
	public void accept(String id) {
		if (this.summaries.held() == null) {
			// not read yet: the first use reads everything
			return;
		}
		// a full read running now may have read this provider before the change: it reads
		// it again once it is done
		this.summaries.changed(id);
		this.compiled.remove(id);
		try {
			read(id, true);
		}
		catch (RuntimeException ex) {
			// the store is down: the next use reads it again
			logger.warn("Could not read provider '" + id + "' after its change: " + ex.getMessage());
		}
	}

	private @Nullable CompiledProvider read(String id, boolean announced) {
		StoredProvider provider;
		try {
			provider = this.source.find(id);
		}
		catch (InvalidProviderException ex) {
			// its row cannot be read (a secret that does not open): refused, said once
			StoredProvider.Summary summary = summaries().get(id);
			logger.warn(ex.getMessage() + ": its logins are refused");
			this.compiled.put(id, new Compiled((summary != null) ? summary.version() : 0, null));
			return null;
		}
		catch (RuntimeException ex) {
			throw new ProviderUnavailableException(id, "the provider store cannot be read", ex);
		}
		if (provider == null) {
			summaries().remove(id);
			this.compiled.remove(id);
			return null;
		}
		if (announced) {
			// read because it changed: what the store says now wins, whatever its version
			// (a provider removed and added again may come back with a lower one)
			summaries().put(id, provider.summary());
			this.compiled.remove(id);
			return compileAndKeep(provider);
		}
		// a reader that read an older version never puts it over a newer one
		StoredProvider.Summary held = summaries().merge(id, provider.summary(),
				(old, fresh) -> (fresh.version() >= old.version()) ? fresh : old);
		if (held.version() == provider.version()) {
			return compileAndKeep(provider);
		}
		// another reader holds another version: the one it compiled, if any, serves
		Compiled kept = this.compiled.get(id);
		return (kept != null && kept.version() == held.version()) ? kept.provider() : null;
	}

	private @Nullable CompiledProvider compileAndKeep(StoredProvider provider) {
		CompiledProvider compiled = null;
		try {
			compiled = this.compiler.compile(provider);
		}
		catch (InvalidProviderException ex) {
			// changed behind the store's back: refused until it is fixed, said once
			logger.warn(ex.getMessage() + " (stored version " + provider.version() + "): its logins are refused");
		}
		Compiled kept = this.compiled.merge(provider.id(), new Compiled(provider.version(), compiled),
				(old, fresh) -> (fresh.version() >= old.version()) ? fresh : old);
		return (kept.version() == provider.version()) ? compiled : kept.provider();
	}

	private Map<String, StoredProvider.Summary> summaries() {
		return this.summaries.get(this::afterRead);
	}

	/**
	 * After a full read: what is compiled of providers gone is dropped, and a change
	 * announced meanwhile, which the read may predate, is read again.
	 */
	private void afterRead(Set<String> changed) {
		Map<String, StoredProvider.Summary> read = this.summaries.held();
		if (read != null) {
			this.compiled.keySet().retainAll(read.keySet());
		}
		for (String id : changed) {
			try {
				read(id, true);
			}
			catch (ProviderUnavailableException ex) {
				// a blip signs nobody out: the summary just read stays until the next
				// read
				logger.warn("Could not read provider '" + id + "' again after its change: " + ex.getMessage());
			}
		}
	}

	private record Compiled(long version, @Nullable CompiledProvider provider) {
	}

}
