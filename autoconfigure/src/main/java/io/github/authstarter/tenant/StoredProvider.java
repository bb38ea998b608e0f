package io.github.authstarter.tenant;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A provider kept in a store: the same settings as {@code auth.providers.<id>.*}, named
 * as the properties are below the id ({@code issuer-uri}, {@code client-id},
 * {@code scopes}, {@code authorities.claims}, {@code apis.graph.audience}), values as
 * text (lists comma-separated).
 *
 * @param id the provider id, used in URLs like a property-configured one
 * @param tenant the tenant the provider belongs to, or {@code null} for none
 * @param enabled whether it may be used; a disabled provider is kept but refuses logins
 * @param settings the settings, by property name below {@code auth.providers.<id>.}
 * @param version the store's version of this definition, raised at each save; {@code 0}
 * for one not yet saved
 */
public record StoredProvider(String id, @Nullable String tenant, boolean enabled, Map<String, String> settings,
		long version) {

	/**
	 * A provider definition; the settings are copied, sorted by name.
	 */
	public StoredProvider {
		settings = Collections.unmodifiableMap(new TreeMap<>(settings));
	}

	/**
	 * A new, enabled provider of a tenant, not yet saved.
	 * @param id the provider id
	 * @param tenant the tenant, or {@code null}
	 * @param settings the settings
	 * @return the provider
	 */
	public static StoredProvider of(String id, @Nullable String tenant, Map<String, String> settings) {
		return new StoredProvider(id, tenant, true, settings, 0);
	}

	/**
	 * This provider with other settings.
	 * @param settings the settings
	 * @return a copy
	 */
	public StoredProvider withSettings(Map<String, String> settings) {
		return new StoredProvider(this.id, this.tenant, this.enabled, settings, this.version);
	}

	/**
	 * This provider enabled or disabled.
	 * @param enabled whether it may be used
	 * @return a copy
	 */
	public StoredProvider withEnabled(boolean enabled) {
		return new StoredProvider(this.id, this.tenant, enabled, this.settings, this.version);
	}

	/**
	 * This provider at a version.
	 * @param version the store's version
	 * @return a copy
	 */
	public StoredProvider withVersion(long version) {
		return new StoredProvider(this.id, this.tenant, this.enabled, this.settings, version);
	}

	/**
	 * What an instance keeps in memory of every stored provider: enough to tell whether
	 * an id exists, which tenant it serves and whether what it compiled is current.
	 * @return the summary
	 */
	public Summary summary() {
		return new Summary(this.id, this.tenant, this.enabled, this.version, emailDomains(this.settings));
	}

	/**
	 * The email domains of a provider's {@code allowed-email-domains} setting, lowercase.
	 * @param settings the settings
	 * @return the domains
	 */
	static List<String> emailDomains(Map<String, String> settings) {
		String domains = settings.get("allowed-email-domains");
		if (domains == null) {
			return List.of();
		}
		return Arrays.stream(domains.split(","))
			.map((domain) -> domain.strip().toLowerCase(Locale.ROOT))
			.filter((domain) -> !domain.isEmpty())
			.toList();
	}

	@Override
	public String toString() {
		// settings hold the client secret
		return "StoredProvider[" + this.id + ", tenant=" + this.tenant + ", enabled=" + this.enabled + ", version="
				+ this.version + "]";
	}

	/**
	 * A stored provider without its settings.
	 *
	 * @param id the provider id
	 * @param tenant the tenant, or {@code null}
	 * @param enabled whether it may be used
	 * @param version the store's version
	 * @param emailDomains the email domains whose users sign in through it (its
	 * {@code allowed-email-domains}, lowercase): where the sign-in page's email field
	 * sends them
	 */
	public record Summary(String id, @Nullable String tenant, boolean enabled, long version,
			List<String> emailDomains) {

		/**
		 * A summary; the domains are copied.
		 */
		public Summary {
			emailDomains = List.copyOf(emailDomains);
		}

		/**
		 * A summary of a provider that names no email domains.
		 * @param id the provider id
		 * @param tenant the tenant, or {@code null}
		 * @param enabled whether it may be used
		 * @param version the store's version
		 */
		public Summary(String id, @Nullable String tenant, boolean enabled, long version) {
			this(id, tenant, enabled, version, List.of());
		}

	}

}
