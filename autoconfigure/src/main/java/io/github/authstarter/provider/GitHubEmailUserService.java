package io.github.authstarter.provider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONArrayUtils;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.RestClient;

/**
 * Loads OAuth2 (non-OpenID) users with Spring Security's service and, for GitHub users
 * whose email is private, adds the primary verified address from {@code /user/emails}:
 * GitHub's user API answers {@code "email": null} for them.
 */
public final class GitHubEmailUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

	private static final Log logger = LogFactory.getLog(GitHubEmailUserService.class);

	private final OAuth2UserService<OAuth2UserRequest, OAuth2User> delegate;

	private final DiscoveringClientRegistrationRepository registrations;

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final ProviderHttpClients http;

	/**
	 * Creates a user service around Spring Security's default one.
	 * @param registrations the providers
	 */
	public GitHubEmailUserService(DiscoveringClientRegistrationRepository registrations) {
		this(new DefaultOAuth2UserService(), registrations);
	}

	/**
	 * Creates the service around another user service.
	 * @param delegate loads the user from the user-info endpoint
	 * @param registrations the providers
	 */
	public GitHubEmailUserService(OAuth2UserService<OAuth2UserRequest, OAuth2User> delegate,
			DiscoveringClientRegistrationRepository registrations) {
		this(delegate, registrations, ProviderHttpClients.withTimeout(DEFAULT_TIMEOUT));
	}

	/**
	 * Creates the service around another user service, with a bounded emails call.
	 * @param delegate loads the user from the user-info endpoint
	 * @param registrations the providers
	 * @param http the providers' HTTP clients, for the emails call
	 */
	public GitHubEmailUserService(OAuth2UserService<OAuth2UserRequest, OAuth2User> delegate,
			DiscoveringClientRegistrationRepository registrations, ProviderHttpClients http) {
		this.delegate = delegate;
		this.registrations = registrations;
		this.http = http;
	}

	@Override
	public OAuth2User loadUser(OAuth2UserRequest request) {
		OAuth2User user = this.delegate.loadUser(request);
		String registrationId = request.getClientRegistration().getRegistrationId();
		ProviderDefinition definition = this.registrations.definition(registrationId);
		if (definition == null || definition.preset() != ProviderPreset.GITHUB) {
			return user;
		}
		// GitHub shows only a verified address as a profile's public email; a private
		// one comes from /user/emails, where only the primary verified address is taken
		String email = (user.getAttribute("email") instanceof String shown) ? shown
				: primaryEmail(request, registrationId);
		if (email == null) {
			return user;
		}
		Map<String, Object> attributes = new LinkedHashMap<>(user.getAttributes());
		attributes.put("email", email);
		attributes.put("email_verified", true);
		return new DefaultOAuth2User(user.getAuthorities(), attributes,
				request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName());
	}

	private @Nullable String primaryEmail(OAuth2UserRequest request, String registrationId) {
		String emailsUri = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUri()
				+ "/emails";
		try {
			byte[] body = this.http.restClient(registrationId)
				.get()
				.uri(emailsUri)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + request.getAccessToken().getTokenValue())
				.header(HttpHeaders.ACCEPT, "application/vnd.github+json")
				.retrieve()
				.body(byte[].class);
			List<Object> emails = JSONArrayUtils
				.parse(new String((body != null) ? body : new byte[0], StandardCharsets.UTF_8));
			return emails.stream()
				.filter(Map.class::isInstance)
				.map(Map.class::cast)
				.filter((entry) -> Boolean.TRUE.equals(entry.get("primary"))
						&& Boolean.TRUE.equals(entry.get("verified")) && entry.get("email") instanceof String)
				.map((entry) -> (String) entry.get("email"))
				.findFirst()
				.orElse(null);
		}
		catch (RuntimeException | ParseException ex) {
			// the user can still sign in; the app just sees no email
			logger.warn("Could not read the private email of a user of provider '" + registrationId + "': "
					+ ex.getClass().getSimpleName());
			return null;
		}
	}

}
