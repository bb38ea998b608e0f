package io.github.authstarter.web;

import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.tenant.TenantBoundary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Checks a callback against the provider its flow record names, which is the one Spring
 * Security signs in with, whatever the callback's path says: a flow started for a
 * provider of one tenant and delivered to another tenant's host ends with
 * {@code provider_not_for_tenant}, its record consumed.
 */
final class TenantCheckingAuthorizationRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	private static final Log logger = LogFactory.getLog(TenantCheckingAuthorizationRequests.class);

	private final AuthorizationRequestRepository<OAuth2AuthorizationRequest> delegate;

	private final TenantBoundary boundary;

	TenantCheckingAuthorizationRequests(AuthorizationRequestRepository<OAuth2AuthorizationRequest> delegate,
			TenantBoundary boundary) {
		this.delegate = delegate;
		this.boundary = boundary;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
		return this.delegate.loadAuthorizationRequest(request);
	}

	@Override
	public void saveAuthorizationRequest(@Nullable OAuth2AuthorizationRequest authorizationRequest,
			HttpServletRequest request, HttpServletResponse response) {
		this.delegate.saveAuthorizationRequest(authorizationRequest, request, response);
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
			HttpServletResponse response) {
		OAuth2AuthorizationRequest removed = this.delegate.removeAuthorizationRequest(request, response);
		Object provider = (removed != null) ? removed.getAttribute(OAuth2ParameterNames.REGISTRATION_ID) : null;
		if (provider instanceof String id && !admits(request, id)) {
			logger.info("Refused a callback for provider '" + id + "' on a request of tenant '"
					+ this.boundary.tenantOf(request) + "': provider_not_for_tenant");
			OAuth2Error error = new OAuth2Error("provider_not_for_tenant");
			throw new OAuth2AuthenticationException(error, error.toString());
		}
		return removed;
	}

	private boolean admits(HttpServletRequest request, String id) {
		try {
			return this.boundary.admits(request, id);
		}
		catch (ProviderUnavailableException ex) {
			// the store cannot be read yet: a 503 the user may retry, not a 500
			OAuth2Error error = new OAuth2Error("server_error", "the provider store cannot be read", null);
			throw new OAuth2AuthenticationException(error, error.toString(), ex);
		}
	}

}
