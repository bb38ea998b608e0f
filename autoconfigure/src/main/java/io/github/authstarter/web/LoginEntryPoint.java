package io.github.authstarter.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.authstarter.flow.RedirectTarget;
import io.github.authstarter.http.JsonResponses;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.tenant.TenantResolver;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * What an anonymous request for a protected page gets: JSON clients a 401, browsers the
 * login of the only provider, or a 401 page listing the providers.
 */
final class LoginEntryPoint implements AuthenticationEntryPoint {

	private static final Log logger = LogFactory.getLog(LoginEntryPoint.class);

	private final AuthPaths paths;

	private final ProviderRegistrations registrations;

	private TenantResolver tenants = (request) -> null;

	private boolean emailSignIn;

	private final AuthErrorResponder responder;

	LoginEntryPoint(AuthPaths paths, ProviderRegistrations registrations, AuthErrorResponder responder) {
		this.paths = paths;
		this.responder = ErrorResponseWriter.prepared(responder);
		this.registrations = registrations;
	}

	/**
	 * Lists, on each request, the providers of its tenant besides the configured ones.
	 * @param tenants the tenant of each request
	 */
	void setTenants(TenantResolver tenants) {
		this.tenants = tenants;
	}

	/**
	 * Sends browsers to the sign-in page, which asks for an email, whatever it lists.
	 * @param emailSignIn whether the sign-in page asks for an email
	 */
	void setEmailSignIn(boolean emailSignIn) {
		this.emailSignIn = emailSignIn;
	}

	private static boolean hasSessionCookie(HttpServletRequest request) {
		// one Spring Session could not even read counts too
		if (request.getCookies() != null) {
			for (Cookie cookie : request.getCookies()) {
				if (cookie.getName().toUpperCase(Locale.ROOT).contains("SESSION")) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		List<ProviderDefinition> providers = this.registrations.definitionsFor(this.tenants.resolve(request));
		if (logger.isDebugEnabled() && (request.getRequestedSessionId() != null || hasSessionCookie(request))) {
			// normal after an expiry or a logout elsewhere; a flood of them is a forgery
			logger.debug("Sign-in required for " + request.getMethod() + " " + path
					+ ": the session cookie names no signed-in session");
		}
		if (this.paths.isApi(path) || JsonResponses.wantsJson(request) && !providers.isEmpty()) {
			// an API never redirects to the provider: a single-page app gets a status it
			// can act on, and where to send the browser to sign in
			String loginUrl = request.getContextPath() + ((providers.size() == 1)
					? this.paths.loginPath(providers.get(0).registrationId()) : this.paths.signInPage());
			this.responder.respond(JsonOnlyRequest.onApiPaths(request, this.paths), response,
					new AuthError(HttpStatus.UNAUTHORIZED.value(), "unauthenticated", "Sign in first.", null, null,
							null, Map.of("authenticated", false, "loginUrl", loginUrl)));
			return;
		}
		if (JsonResponses.wantsJson(request) || (providers.isEmpty() && !this.emailSignIn)) {
			this.responder.respond(request, response,
					new AuthError(HttpStatus.UNAUTHORIZED.value(), "unauthenticated", "Sign in first.", null));
			return;
		}
		// one provider: straight to it; several, or the email field: the sign-in page
		String loginPath = (providers.size() == 1 && !this.emailSignIn)
				? this.paths.loginPath(providers.get(0).registrationId()) : this.paths.signInPage();
		String target = request.getRequestURI().substring(request.getContextPath().length())
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		if ("GET".equals(request.getMethod()) && RedirectTarget.isSafe(target)) {
			loginPath += "?redirect=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
		}
		response.sendRedirect(request.getContextPath() + loginPath);
	}

}
