package io.github.authstarter.test.server;

import java.net.URI;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Accepts a post-logout redirect URI that is registered, or a loopback one that differs
 * from a registered one only by its port, as RFC 8252 lets redirect URIs do: app
 * instances under test run on random ports.
 */
final class LoopbackPostLogoutRedirectValidator implements Consumer<OidcLogoutAuthenticationContext> {

	private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

	@Override
	public void accept(OidcLogoutAuthenticationContext context) {
		OidcLogoutAuthenticationToken logout = context.getAuthentication();
		String requested = logout.getPostLogoutRedirectUri();
		if (!StringUtils.hasText(requested)
				|| context.getRegisteredClient().getPostLogoutRedirectUris().contains(requested)) {
			return;
		}
		URI uri = URI.create(requested);
		if (LOOPBACK.contains(uri.getHost()) && context.getRegisteredClient()
			.getPostLogoutRedirectUris()
			.stream()
			.map((registered) -> UriComponentsBuilder.fromUriString(registered).port(uri.getPort()).toUriString())
			.anyMatch(requested::equals)) {
			return;
		}
		throw new OAuth2AuthenticationException(new OAuth2Error("invalid_request", "post_logout_redirect_uri", null));
	}

}
