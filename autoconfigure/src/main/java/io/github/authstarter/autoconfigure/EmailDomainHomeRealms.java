package io.github.authstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.tenant.HomeRealms;
import io.github.authstarter.tenant.StoredProvider;
import io.github.authstarter.tenant.TenantBoundary;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The providers of an email domain by their {@code allowed-email-domains}: the request
 * tenant's own stored provider first, then a stored provider of no tenant (each in id
 * order; without tenants, any stored provider), then those of {@code auth.providers.*}
 * (in configuration order). Answered from memory: an email typed by anyone reads nothing
 * from the store.
 */
final class EmailDomainHomeRealms implements HomeRealms {

	private final Map<String, String> configured = new LinkedHashMap<>();

	private final @Nullable StoredProviders stored;

	private final @Nullable TenantBoundary tenants;

	EmailDomainHomeRealms(AuthProperties properties, @Nullable StoredProviders stored,
			@Nullable TenantBoundary tenants) {
		properties.getProviders()
			.forEach((id, provider) -> provider.getAllowedEmailDomains()
				.forEach((domain) -> this.configured.putIfAbsent(domain.strip().toLowerCase(Locale.ROOT), id)));
		this.stored = stored;
		this.tenants = tenants;
	}

	@Override
	public @Nullable String providerFor(String emailDomain, HttpServletRequest request) {
		String tenant = (this.tenants != null) ? this.tenants.tenantOf(request) : null;
		List<StoredProvider.Summary> candidates = List.of();
		try {
			candidates = (this.stored != null) ? this.stored.forEmailDomain(emailDomain) : List.of();
		}
		catch (ProviderUnavailableException ex) {
			// the store cannot be read: the configured providers still answer
		}
		String shared = null;
		for (StoredProvider.Summary candidate : candidates) {
			if (tenant != null && tenant.equalsIgnoreCase(candidate.tenant())) {
				return candidate.id();
			}
			boolean admitted = this.tenants == null || candidate.tenant() == null;
			if (shared == null && admitted) {
				shared = candidate.id();
			}
		}
		return (shared != null) ? shared : this.configured.get(emailDomain);
	}

}
