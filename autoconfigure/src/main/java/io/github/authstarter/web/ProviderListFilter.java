package io.github.authstarter.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.http.JsonResponses;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.tenant.TenantResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code GET /auth/providers}: the configured providers as JSON, for sign-in buttons.
 * Public whatever the application's rules (it lives in the filter chain), without
 * secrets, and without a discovery call: whether provider logout is supported is
 * {@code null} until a provider known by issuer has been discovered.
 */
public final class ProviderListFilter extends OncePerRequestFilter {

	private final AuthPaths paths;

	private final ProviderRegistrations registrations;

	private final Set<String> localLogout;

	private TenantResolver tenants = (request) -> null;

	/**
	 * Creates the filter.
	 * @param paths the login paths
	 * @param registrations the providers
	 * @param localLogout providers configured with {@code logout: local}
	 */
	public ProviderListFilter(AuthPaths paths, ProviderRegistrations registrations, Set<String> localLogout) {
		this.paths = paths;
		this.registrations = registrations;
		this.localLogout = localLogout;
	}

	/**
	 * Lists, on each request, the providers of its tenant besides the configured ones.
	 * @param tenants the tenant of each request
	 */
	public void setTenants(TenantResolver tenants) {
		this.tenants = tenants;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requested = request.getRequestURI().substring(request.getContextPath().length());
		if (!"GET".equals(request.getMethod()) || !requested.equals(this.paths.providers())) {
			chain.doFilter(request, response);
			return;
		}
		List<Object> providers = new ArrayList<>();
		for (ProviderDefinition definition : this.registrations.definitionsFor(this.tenants.resolve(request))) {
			Map<String, Object> provider = new LinkedHashMap<>();
			provider.put("id", definition.registrationId());
			provider.put("displayName", definition.displayName());
			if (definition.logo() != null) {
				provider.put("logo", definition.logo());
			}
			provider.put("loginUrl", request.getContextPath() + this.paths.loginPath(definition.registrationId()));
			provider.put("providerLogout", providerLogout(definition));
			providers.add(provider);
		}
		JsonResponses.json(response, 200, providers);
	}

	private @Nullable Boolean providerLogout(ProviderDefinition definition) {
		if (this.localLogout.contains(definition.registrationId())) {
			return false;
		}
		if (definition.endpoints().endSession() != null) {
			return true;
		}
		ClientRegistration resolved = this.registrations.findIfResolved(definition.registrationId());
		if (resolved == null) {
			return null;
		}
		return resolved.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint") != null;
	}

}
