package io.github.authstarter.logout;

import java.nio.charset.StandardCharsets;

import io.github.authstarter.session.SessionUser;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the browser goes after a logout: the provider's {@code end_session_endpoint}
 * (OpenID Connect RP-Initiated Logout) with the newest {@code id_token_hint},
 * {@code client_id}, {@code post_logout_redirect_uri} and a {@code state} kept in Redis;
 * a provider's own logout URL for the styles that have one; else the application's
 * logged-out page.
 */
public final class EndSessionRedirects {

	private final LogoutSettings settings;

	private final LogoutStates states;

	/**
	 * Creates the redirects.
	 * @param settings the logout settings
	 * @param states keeps each redirect's {@code state}
	 */
	public EndSessionRedirects(LogoutSettings settings, LogoutStates states) {
		this.settings = settings;
		this.states = states;
	}

	/**
	 * The application's own page after logout.
	 * @param request the logout request
	 * @return the path, with the context path
	 */
	String local(HttpServletRequest request) {
		return request.getContextPath() + this.settings.successPath();
	}

	/**
	 * Whether logging out of this provider ends the session there too.
	 * @param provider the provider id
	 * @param registration its registration, or {@code null} when it cannot be reached
	 * @return whether the browser goes to the provider's end-session endpoint
	 */
	boolean endsProviderSession(String provider, @Nullable ClientRegistration registration) {
		return !this.settings.localOnly(provider) && registration != null
				&& registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint") != null;
	}

	/**
	 * Where to send the browser; writes the redirect's {@code state} to Redis when it
	 * goes to the provider.
	 * @param request the logout request
	 * @param user who logs out, or {@code null}
	 * @param registration the user's provider, or {@code null} when it cannot be reached
	 * @return the URL
	 */
	String target(HttpServletRequest request, @Nullable SessionUser user, @Nullable ClientRegistration registration) {
		String local = local(request);
		if (user == null || registration == null || this.settings.localOnly(user.provider())) {
			return local;
		}
		String landingUrl = this.settings.style(user.provider())
			.landingUrl(registration, absolute(request, this.settings.successPath()));
		if (landingUrl != null) {
			return landingUrl;
		}
		Object endSession = registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
		if (!(endSession instanceof String endpoint)) {
			return local;
		}
		UriComponentsBuilder url = UriComponentsBuilder.fromUriString(endpoint)
			.queryParam("client_id", registration.getClientId())
			.queryParam("post_logout_redirect_uri",
					this.settings.postLogoutRedirectUris()
						.getOrDefault(user.provider(), absolute(request, this.settings.returnPath())))
			.queryParam("state", this.states.issue(user.provider()));
		if (user.idToken() != null) {
			url.queryParam("id_token_hint", user.idToken().getTokenValue());
		}
		return url.encode(StandardCharsets.UTF_8).build().toUriString();
	}

	private static String absolute(HttpServletRequest request, String path) {
		return UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
			.replacePath(request.getContextPath() + path)
			.replaceQuery(null)
			.build()
			.toUriString();
	}

}
