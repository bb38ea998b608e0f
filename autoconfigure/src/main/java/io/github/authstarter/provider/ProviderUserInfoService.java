package io.github.authstarter.provider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Spring Security's user-info call, through each provider's own HTTP client (its timeouts
 * and SSL bundle).
 */
public final class ProviderUserInfoService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

	private final ProviderHttpClients http;

	private final Map<String, DefaultOAuth2UserService> services = new ConcurrentHashMap<>();

	/**
	 * Creates the service.
	 * @param http the providers' HTTP clients
	 */
	public ProviderUserInfoService(ProviderHttpClients http) {
		this.http = http;
	}

	@Override
	public OAuth2User loadUser(OAuth2UserRequest request) {
		return this.services.computeIfAbsent(request.getClientRegistration().getRegistrationId(), (id) -> {
			DefaultOAuth2UserService service = new DefaultOAuth2UserService();
			service.setRestOperations(this.http.restTemplate(id));
			return service;
		}).loadUser(request);
	}

}
