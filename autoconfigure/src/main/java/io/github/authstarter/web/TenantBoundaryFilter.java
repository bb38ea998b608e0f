package io.github.authstarter.web;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

import io.github.authstarter.event.SignInFailedEvent;
import io.github.authstarter.flow.ProviderPathMatcher;
import io.github.authstarter.provider.ProviderUnavailableException;
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
 * record, no login-start count, no call to the provider. A callback is checked again
 * against the provider its flow record names
 * ({@link TenantCheckingAuthorizationRequests}): that is the one Spring Security signs in
 * with, whatever the path says.
 */
public final class TenantBoundaryFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(TenantBoundaryFilter.class);

	private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]+");

	private final List<ProviderPathMatcher> providerPaths;

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
		this.providerPaths = List.of(new ProviderPathMatcher(paths.login()), new ProviderPathMatcher(paths.callback()));
		this.boundary = boundary;
		this.responder = responder;
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String provider = providerOf(request);
		boolean admitted;
		try {
			admitted = provider == null || this.boundary.admits(request, provider);
		}
		catch (ProviderUnavailableException ex) {
			// the provider store cannot be read yet: which tenant the id is of is unknown
			logger.warn("Refused a sign-in with provider '" + provider + "': provider_unavailable (" + ex.getMessage()
					+ ")");
			response.setHeader("Retry-After", "5");
			this.responder.respond(request, response, new AuthError(HttpStatus.SERVICE_UNAVAILABLE.value(),
					"provider_unavailable", "The sign-in provider cannot be reached right now.", provider));
			return;
		}
		if (admitted) {
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

	/**
	 * The provider a login start or callback names, read as Spring Security reads it:
	 * decoded, without path parameters ({@code ;x=1}, which an application's firewall may
	 * allow).
	 */
	private @Nullable String providerOf(HttpServletRequest request) {
		// no shortcut for long paths: Spring Security matches them all the same
		for (ProviderPathMatcher matcher : this.providerPaths) {
			String id = matcher.providerId(request);
			if (id != null) {
				// a provider's id is plain; any other is no provider's, and is not echoed
				return (id.length() <= 63 && PLAIN_ID.matcher(id).matches()) ? id : null;
			}
		}
		return null;
	}

}
