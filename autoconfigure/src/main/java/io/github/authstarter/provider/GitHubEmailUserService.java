package io.github.authstarter.provider;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
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

/**
 * Loads OAuth2 (non-OpenID) users with Spring Security's service and, for GitHub users,
 * asks {@code /user/emails} which addresses GitHub verified: a user whose email is
 * private gets the primary verified one (the user API answers {@code "email": null}), and
 * an address counts as verified ({@code email_verified}) only when that list says so.
 */
public final class GitHubEmailUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

	private static final Log logger = LogFactory.getLog(GitHubEmailUserService.class);

	private final OAuth2UserService<OAuth2UserRequest, OAuth2User> delegate;

	private final ProviderRegistrations registrations;

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final ProviderHttpClients http;

	/**
	 * Creates a user service around Spring Security's default one.
	 * @param registrations the providers
	 */
	public GitHubEmailUserService(ProviderRegistrations registrations) {
		this(new DefaultOAuth2UserService(), registrations);
	}

	/**
	 * Creates the service around another user service.
	 * @param delegate loads the user from the user-info endpoint
	 * @param registrations the providers
	 */
	public GitHubEmailUserService(OAuth2UserService<OAuth2UserRequest, OAuth2User> delegate,
			ProviderRegistrations registrations) {
		this(delegate, registrations, ProviderHttpClients.withTimeout(DEFAULT_TIMEOUT));
	}

	/**
	 * Creates the service around another user service, with a bounded emails call.
	 * @param delegate loads the user from the user-info endpoint
	 * @param registrations the providers
	 * @param http the providers' HTTP clients, for the emails call
	 */
	public GitHubEmailUserService(OAuth2UserService<OAuth2UserRequest, OAuth2User> delegate,
			ProviderRegistrations registrations, ProviderHttpClients http) {
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
		// only /user/emails says which addresses GitHub verified (a profile's public
		// address need not be one on GitHub Enterprise Server)
		List<Map<?, ?>> emails = emails(request, registrationId);
		String shown = (user.getAttribute("email") instanceof String address) ? address : null;
		String email = (shown != null) ? shown : primaryVerified(emails);
		if (email == null) {
			return user;
		}
		Map<String, Object> attributes = new LinkedHashMap<>(user.getAttributes());
		attributes.put("email", email);
		if (verified(emails, email)) {
			attributes.put("email_verified", true);
		}
		return new DefaultOAuth2User(user.getAuthorities(), attributes,
				request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName());
	}

	private static @Nullable String primaryVerified(List<Map<?, ?>> emails) {
		return emails.stream()
			.filter((entry) -> Boolean.TRUE.equals(entry.get("primary")) && Boolean.TRUE.equals(entry.get("verified"))
					&& entry.get("email") instanceof String)
			.map((entry) -> (String) entry.get("email"))
			.findFirst()
			.orElse(null);
	}

	private static boolean verified(List<Map<?, ?>> emails, String email) {
		return emails.stream()
			.anyMatch((entry) -> Boolean.TRUE.equals(entry.get("verified"))
					&& entry.get("email") instanceof String address && address.equalsIgnoreCase(email));
	}

	/** The user's addresses as GitHub lists them, or none when they cannot be read. */
	private List<Map<?, ?>> emails(OAuth2UserRequest request, String registrationId) {
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
			return emails.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList();
		}
		catch (RuntimeException | ParseException ex) {
			// the user can still sign in; the app just sees no verified email
			logger.warn("Could not read the email addresses of a user of provider '" + registrationId + "': "
					+ ex.getClass().getSimpleName());
			return List.of();
		}
	}

}
