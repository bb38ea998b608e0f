package io.github.authstarter.access;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Loads an OpenID Connect user with the given service, then gives it the authorities
 * {@link UserAccess} grants, or refuses it before any session exists.
 */
public final class AuthorizingOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OAuth2UserService<OidcUserRequest, OidcUser> delegate;

	private final UserAccess access;

	private final RequestedAuthentication requested;

	/**
	 * Creates the service.
	 * @param delegate loads the user
	 * @param access grants authorities and applies the sign-in policy
	 */
	public AuthorizingOidcUserService(OAuth2UserService<OidcUserRequest, OidcUser> delegate, UserAccess access) {
		this(delegate, access, new RequestedAuthentication(Clock.systemUTC(), RequestedAuthentication.DEFAULT_SKEW));
	}

	/**
	 * Creates the service.
	 * @param delegate loads the user
	 * @param access grants authorities and applies the sign-in policy
	 * @param requested checks the {@code max_age} and {@code acr_values} a login asked
	 * for
	 */
	public AuthorizingOidcUserService(OAuth2UserService<OidcUserRequest, OidcUser> delegate, UserAccess access,
			RequestedAuthentication requested) {
		this.delegate = delegate;
		this.access = access;
		this.requested = requested;
	}

	/**
	 * The service that loads the user before authorities and policy are applied.
	 * @return the wrapped service
	 */
	public OAuth2UserService<OidcUserRequest, OidcUser> delegate() {
		return this.delegate;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		checkRequestedAuthentication(request);
		OidcUser user = this.delegate.loadUser(request);
		Map<String, Object> userInfo = (user.getUserInfo() != null) ? user.getUserInfo().getClaims() : Map.of();
		ProviderClaims claims = this.access.claims(request.getClientRegistration(), user.getIdToken().getClaims(),
				userInfo, request.getAccessToken());
		Set<String> authorities = this.access.authorize(request.getClientRegistration().getRegistrationId(), claims);
		String nameAttribute = request.getClientRegistration()
			.getProviderDetails()
			.getUserInfoEndpoint()
			.getUserNameAttributeName();
		return new DefaultOidcUser(authorities.stream().map(SimpleGrantedAuthority::new).toList(), user.getIdToken(),
				user.getUserInfo(),
				(StringUtils.hasText(nameAttribute) && user.getAttributes().containsKey(nameAttribute)) ? nameAttribute
						: IdTokenClaimNames.SUB);
	}

	/**
	 * Refuses an ID token that does not meet the {@code max_age} or {@code acr_values}
	 * its login asked for, before anything else is done with it.
	 */
	@SuppressWarnings("unchecked")
	private void checkRequestedAuthentication(OidcUserRequest request) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		Object parameters = (attributes != null)
				? attributes.getAttribute(RequestedAuthentication.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
				: null;
		if (parameters instanceof Map<?, ?> map) {
			this.requested.check(request.getIdToken(), (Map<String, Object>) map);
		}
	}

}
