package io.github.authstarter.web;

import java.io.IOException;

import io.github.authstarter.event.SignInFailedEvent;
import io.github.authstarter.tenant.TenantBoundary;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login start or a callback for a provider of another tenant than the request's
 * with 400 {@code provider_not_for_tenant}, before anything is stored or counted: no flow
 * record, no login-start count, no call to the provider.
 */
public final class TenantBoundaryFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(TenantBoundaryFilter.class);

	private final AuthPaths paths;

	private final TenantBoundary boundary;

	private final AuthErrorResponder responder;

	private final ApplicationEventPublisher events;

	/**
	 * Creates the filter.
	 * @param paths the login and callback paths
	 * @param boundary the tenants' boundary
	 * @param responder writes the refusal
	 * @param events where the failed sign-in is published
	 */
	public TenantBoundaryFilter(AuthPaths paths, TenantBoundary boundary, AuthErrorResponder responder,
			ApplicationEventPublisher events) {
		this.paths = paths;
		this.boundary = boundary;
		this.responder = responder;
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String provider = providerOf(request.getRequestURI().substring(request.getContextPath().length()));
		if (provider == null || this.boundary.admits(request, provider)) {
			chain.doFilter(request, response);
			return;
		}
		logger.info("Refused a sign-in with provider '" + provider + "' for tenant '" + this.boundary.tenantOf(request)
				+ "': provider_not_for_tenant");
		request.setAttribute(LoginObservationFilter.OUTCOME, "provider_not_for_tenant");
		this.events.publishEvent(new SignInFailedEvent(provider, "provider_not_for_tenant"));
		this.responder.respond(request, response, new AuthError(HttpStatus.BAD_REQUEST.value(),
				"provider_not_for_tenant", "This sign-in is not offered here.", provider));
	}

	private @Nullable String providerOf(String path) {
		for (String base : new String[] { this.paths.login(), this.paths.callback() }) {
			if (path.startsWith(base + "/")) {
				String id = path.substring(base.length() + 1);
				// the id is echoed back: only a plain one is named, any other is no
				// provider
				return (id.length() <= 63 && id.matches("[A-Za-z0-9._-]+")) ? id : null;
			}
		}
		return null;
	}

}
