package io.github.authstarter.logout;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * How logout ends a provider's session ({@code auth.providers.<id>.logout}).
 */
public enum LogoutStyle {

	/**
	 * OIDC RP-initiated logout at the provider's end-session endpoint, when it has one;
	 * else a local logout.
	 */
	PROVIDER,

	/** This application only; the provider session stays. */
	LOCAL,

	/** Auth0's legacy {@code /v2/logout} with {@code client_id} and {@code returnTo}. */
	AUTH0 {
		@Override
		@Nullable String landingUrl(ClientRegistration registration, String landing) {
			String issuer = registration.getProviderDetails().getIssuerUri();
			String base = (issuer != null) ? issuer.replaceAll("/+$", "") : "";
			return UriComponentsBuilder.fromUriString(base + "/v2/logout")
				.queryParam("client_id", registration.getClientId())
				.queryParam("returnTo", landing)
				.encode(StandardCharsets.UTF_8)
				.build()
				.toUriString();
		}
	},

	/**
	 * Amazon Cognito: {@code client_id} and {@code logout_uri} on the end-session
	 * endpoint ({@code end-session-uri}).
	 */
	COGNITO {
		@Override
		@Nullable String landingUrl(ClientRegistration registration, String landing) {
			return UriComponentsBuilder
				.fromUriString(String
					.valueOf(registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint")))
				.queryParam("client_id", registration.getClientId())
				.queryParam("logout_uri", landing)
				.encode(StandardCharsets.UTF_8)
				.build()
				.toUriString();
		}
	};

	/**
	 * The logout URL of a provider that predates RP-initiated logout: it takes the
	 * landing page directly and sends no state back.
	 * @param registration the provider
	 * @param landing the absolute URL of this application's post-logout page
	 * @return the URL, or {@code null} when the provider uses the standard
	 */
	@Nullable String landingUrl(ClientRegistration registration, String landing) {
		return null;
	}

}
