package io.github.authstarter.provider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

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
		DefaultOAuth2UserService service = this.services
			.computeIfAbsent(request.getClientRegistration().getRegistrationId(), (id) -> {
				DefaultOAuth2UserService created = new DefaultOAuth2UserService();
				created.setRestOperations(this.http.restTemplate(id));
				return created;
			});
		DpopProofs dpop = this.http.dpop();
		if (dpop != null && !dpop.active()
				&& OAuth2AccessToken.TokenType.DPOP.equals(request.getAccessToken().getTokenType())
				&& RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				&& attributes.getRequest().getAttribute(DpopProofs.LOGIN_KEY) instanceof String key) {
			// a login's user info: a bound token goes with a proof of the login's key
			return dpop.with(key, () -> service.loadUser(request));
		}
		return service.loadUser(request);
	}

}
