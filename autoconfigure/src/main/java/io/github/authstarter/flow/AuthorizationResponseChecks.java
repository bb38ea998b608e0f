package io.github.authstarter.flow;

import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

import io.github.authstarter.provider.TemplatedIssuerValidator;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.web.util.UriUtils;

/**
 * Checks that an authorization response came from the provider the login started with and
 * was delivered to that provider's callback: the defences against mix-up attacks.
 */
final class AuthorizationResponseChecks {

	private final ClientRegistrationRepository registrations;

	private final Predicate<String> requiresIssuer;

	private final Predicate<String> signsResponses;

	AuthorizationResponseChecks(ClientRegistrationRepository registrations, Predicate<String> requiresIssuer,
			Predicate<String> signsResponses) {
		this.registrations = registrations;
		this.requiresIssuer = requiresIssuer;
		this.signsResponses = signsResponses;
	}

	/**
	 * Checks a response.
	 * @param request the callback
	 * @param provider the provider the login started with
	 * @throws OAuth2AuthenticationException when it is another's
	 */
	void check(HttpServletRequest request, String provider) {
		checkCallbackProvider(request, provider);
		// the flow's provider signs its responses: this one must have been opened as such
		if (this.signsResponses.test(provider)
				&& !provider.equals(request.getAttribute(SignedAuthorizationResponses.OPENED_ATTRIBUTE))) {
			throw RedisFlowStateRepository.failure("invalid_signed_response", "no signed response");
		}
		checkIssuer(request, provider);
	}

	/**
	 * Spring Security takes the provider from the flow, never from the callback path, so
	 * a response for one provider's flow delivered to another provider's callback would
	 * be processed as the first: a mix-up attack. The callback path names the provider
	 * whose redirect URI the response was sent to, and must be the flow's.
	 */
	private static void checkCallbackProvider(HttpServletRequest request, String provider) {
		String path;
		try {
			path = UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			path = request.getRequestURI();
		}
		String named = path.substring(path.lastIndexOf('/') + 1);
		if (!named.equals(provider)) {
			throw RedisFlowStateRepository.failure("provider_mismatch",
					"The answer was delivered to another provider's callback than the one the sign-in started with.");
		}
	}

	/**
	 * RFC 9207: an {@code iss} in the response must be the provider's issuer, and a
	 * provider that promises to send it must have sent it; this stops a mix-up attack
	 * where another provider's response is replayed to this callback.
	 */
	private void checkIssuer(HttpServletRequest request, String provider) {
		ClientRegistration registration = this.registrations.findByRegistrationId(provider);
		if (registration == null) {
			return;
		}
		String expected = registration.getProviderDetails().getIssuerUri();
		String issuer = request.getParameter("iss");
		if (issuer != null && expected != null && !issuer.equals(expected)) {
			throw RedisFlowStateRepository.failure("iss_mismatch",
					"The answer came from another provider than the one asked.");
		}
		if (issuer != null && expected == null) {
			checkTemplatedIssuer(request, registration, issuer);
		}
		Object promised = registration.getProviderDetails()
			.getConfigurationMetadata()
			.get("authorization_response_iss_parameter_supported");
		// a profile requires it whatever the metadata says now: a re-discovery that drops
		// the promise must not turn the check off
		if (issuer == null
				&& (Boolean.TRUE.equals(promised) || "true".equals(promised) || this.requiresIssuer.test(provider))) {
			throw RedisFlowStateRepository.failure("iss_missing", "The provider's answer did not say who sent it.");
		}
	}

	/**
	 * A multi-tenant provider's issuer names the user's tenant, which only the id token
	 * tells: the response's {@code iss} must fit the template now, and is left for the id
	 * token's check to name the same tenant.
	 */
	private static void checkTemplatedIssuer(HttpServletRequest request, ClientRegistration registration,
			String issuer) {
		Object template = registration.getProviderDetails().getConfigurationMetadata().get("issuer");
		if (template instanceof String named && named.contains(TemplatedIssuerValidator.TENANT_PLACEHOLDER)) {
			if (!TemplatedIssuerValidator.fits(named, issuer)) {
				throw RedisFlowStateRepository.failure("iss_mismatch",
						"The answer came from another provider than the one asked.");
			}
			request.setAttribute(TemplatedIssuerValidator.RESPONSE_ISSUER_ATTRIBUTE, issuer);
		}
	}

}
