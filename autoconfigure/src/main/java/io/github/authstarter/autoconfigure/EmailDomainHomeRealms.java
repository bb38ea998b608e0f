package io.github.authstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.authstarter.tenant.HomeRealms;
import io.github.authstarter.tenant.TenantBoundary;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The providers of an email domain by their {@code allowed-email-domains}: a stored
 * provider the request's tenant may use first (in id order), then those of
 * {@code auth.providers.*} (in configuration order). Answered from memory: an email typed
 * by anyone reads nothing from the store.
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
		if (this.stored != null) {
			for (String id : this.stored.idsForEmailDomain(emailDomain)) {
				if (this.tenants == null || this.tenants.admits(request, id)) {
					return id;
				}
			}
		}
		return this.configured.get(emailDomain);
	}

}
