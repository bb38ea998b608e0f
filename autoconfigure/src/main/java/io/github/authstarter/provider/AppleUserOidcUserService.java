package io.github.authstarter.provider;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Keeps the name Sign in with Apple sends once, on a user's first sign-in, as the
 * {@code user} form field of its {@code form_post} callback ({@code {"name":
 * {"firstName", "lastName"}}}): Apple's id token never carries it, and Apple never sends
 * it again. It becomes the {@code given_name}, {@code family_name} and {@code name}
 * claims. Only the name is taken: the field comes through the browser, and the id token's
 * {@code email} stays the only email.
 */
public final class AppleUserOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private static final Log logger = LogFactory.getLog(AppleUserOidcUserService.class);

	private static final int MAX_LENGTH = 4096;

	private static final int MAX_NAME = 200;

	private final OAuth2UserService<OidcUserRequest, OidcUser> delegate;

	private final ProviderRegistrations registrations;

	/**
	 * Creates the service.
	 * @param delegate loads the user
	 * @param registrations tells which providers are Apple
	 */
	public AppleUserOidcUserService(OAuth2UserService<OidcUserRequest, OidcUser> delegate,
			ProviderRegistrations registrations) {
		this.delegate = delegate;
		this.registrations = registrations;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = this.delegate.loadUser(request);
		ProviderDefinition definition = this.registrations
			.definition(request.getClientRegistration().getRegistrationId());
		if (definition == null || definition.preset() != ProviderPreset.APPLE) {
			return user;
		}
		Map<String, Object> name = nameFromCallback(definition.registrationId());
		if (name.isEmpty()) {
			return user;
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		if (user.getUserInfo() != null) {
			claims.putAll(user.getUserInfo().getClaims());
		}
		claims.put(StandardClaimNames.SUB, user.getSubject());
		name.forEach(claims::putIfAbsent);
		return new DefaultOidcUser(user.getAuthorities(), user.getIdToken(), new OidcUserInfo(claims),
				StandardClaimNames.SUB);
	}

	private static Map<String, Object> nameFromCallback(String provider) {
		HttpServletRequest request = (RequestContextHolder
			.getRequestAttributes() instanceof ServletRequestAttributes attributes) ? attributes.getRequest() : null;
		String field = (request != null && "POST".equals(request.getMethod())) ? request.getParameter("user") : null;
		if (field == null || field.isBlank()) {
			return Map.of();
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		try {
			if (field.length() > MAX_LENGTH) {
				throw new ParseException("too long", MAX_LENGTH);
			}
			Map<String, Object> name = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(field), "name");
			String given = (name != null) ? text(name.get("firstName")) : null;
			String family = (name != null) ? text(name.get("lastName")) : null;
			if (given != null) {
				claims.put(StandardClaimNames.GIVEN_NAME, given);
			}
			if (family != null) {
				claims.put(StandardClaimNames.FAMILY_NAME, family);
			}
			if (given != null || family != null) {
				claims.put(StandardClaimNames.NAME,
						String.join(" ", Stream.of(given, family).filter((part) -> part != null).toList()));
			}
		}
		catch (ParseException | RuntimeException ex) {
			// never a reason to refuse the sign-in: the user is just nameless
			logger.info("Ignored the 'user' field of provider '" + provider + "': not Apple's JSON");
			return Map.of();
		}
		return claims;
	}

	private static String text(Object value) {
		if (!(value instanceof String text) || text.isBlank()) {
			return null;
		}
		String stripped = text.strip();
		return (stripped.length() > MAX_NAME) ? stripped.substring(0, MAX_NAME) : stripped;
	}

}
