package io.github.authstarter.access;

import java.util.Map;
import java.util.Set;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Loads a plain OAuth2 user with the given service, then gives it the authorities
 * {@link UserAccess} grants, or refuses it before any session exists.
 */
public final class AuthorizingOAuth2UserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

	private final OAuth2UserService<OAuth2UserRequest, OAuth2User> delegate;

	private final UserAccess access;

	/**
	 * Creates the service.
	 * @param delegate loads the user
	 * @param access grants authorities and applies the sign-in policy
	 */
	public AuthorizingOAuth2UserService(OAuth2UserService<OAuth2UserRequest, OAuth2User> delegate, UserAccess access) {
		this.delegate = delegate;
		this.access = access;
	}

	/**
	 * The service that loads the user before authorities and policy are applied.
	 * @return the wrapped service
	 */
	public OAuth2UserService<OAuth2UserRequest, OAuth2User> delegate() {
		return this.delegate;
	}

	@Override
	public OAuth2User loadUser(OAuth2UserRequest request) {
		OAuth2User user = this.delegate.loadUser(request);
		ProviderClaims claims = this.access.claims(request.getClientRegistration(), Map.of(), user.getAttributes(),
				request.getAccessToken());
		Set<String> authorities = this.access.authorize(request.getClientRegistration().getRegistrationId(), claims);
		String nameAttribute = request.getClientRegistration()
			.getProviderDetails()
			.getUserInfoEndpoint()
			.getUserNameAttributeName();
		return new DefaultOAuth2User(authorities.stream().map(SimpleGrantedAuthority::new).toList(),
				user.getAttributes(), nameAttribute);
	}

}
