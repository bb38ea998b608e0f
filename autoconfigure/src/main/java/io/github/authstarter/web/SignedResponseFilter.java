package io.github.authstarter.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authstarter.flow.InvalidSignedResponseException;
import io.github.authstarter.flow.SignedAuthorizationResponses;
import io.github.authstarter.provider.ProviderUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Opens the signed authorization response (JARM) of a provider that answers with one,
 * before Spring Security reads the callback: the login then sees only what the provider
 * signed. A callback of such a provider without a valid {@code response} (a plain
 * {@code code}, a forged or expired JWT, one for another client) is refused as the
 * callback's other failures are, with a 400 that names the reason and no session.
 */
final class SignedResponseFilter extends OncePerRequestFilter {

	private final AuthPaths paths;

	private final SignedAuthorizationResponses responses;

	private final AuthenticationFailureHandler failures;

	private final String bindingCookie;

	SignedResponseFilter(AuthPaths paths, SignedAuthorizationResponses responses, AuthenticationFailureHandler failures,
			String bindingCookie) {
		this.paths = paths;
		this.responses = responses;
		this.failures = failures;
		this.bindingCookie = bindingCookie;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String provider = provider(request);
		if (provider == null || !this.responses.signedFor(provider)) {
			chain.doFilter(request, response);
			return;
		}
		if (!bound(request)) {
			// no login was started in this browser: refused before the JWT is read, so
			// an anonymous callback costs neither a key fetch nor a discovery
			this.failures.onAuthenticationFailure(request, response,
					new OAuth2AuthenticationException(new OAuth2Error("flow_binding_missing")));
			return;
		}
		Map<String, String> opened;
		try {
			opened = this.responses.open(provider, request.getParameter("response"));
		}
		catch (InvalidSignedResponseException | ProviderUnavailableException ex) {
			// an outage (metadata or keys out of reach) is a 503 there, a forgery a 400
			this.failures.onAuthenticationFailure(request, response, new OAuth2AuthenticationException(
					new OAuth2Error("invalid_signed_response", ex.getMessage(), null), ex));
			return;
		}
		OpenedResponse signed = new OpenedResponse(request, opened);
		signed.setAttribute(SignedAuthorizationResponses.OPENED_ATTRIBUTE, provider);
		chain.doFilter(signed, response);
	}

	private boolean bound(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (cookie.getName().equals(this.bindingCookie)
						|| cookie.getName().equals("__Host-" + this.bindingCookie)) {
					return true;
				}
			}
		}
		return false;
	}

	private @Nullable String provider(HttpServletRequest request) {
		String raw = request.getRequestURI().substring(request.getContextPath().length());
		String prefix = this.paths.callback() + "/";
		if (raw.indexOf('%') < 0 && !raw.startsWith(prefix)) {
			// every request passes here: only a callback, or a path that may spell one
			// encoded, is decoded
			return null;
		}
		// decoded, as Spring's callback matcher reads it: an encoded letter is the same
		// path (a path this cannot read is left to the flow's check, which refuses a
		// plain response of a provider that signs)
		String path;
		try {
			path = UriUtils.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (!path.startsWith(prefix) || path.length() == prefix.length()) {
			return null;
		}
		String id = path.substring(prefix.length());
		return (id.indexOf('/') < 0) ? id : null;
	}

	/** The callback as the provider signed it: its parameters and nothing else. */
	private static final class OpenedResponse extends HttpServletRequestWrapper {

		private final Map<String, String[]> parameters = new LinkedHashMap<>();

		OpenedResponse(HttpServletRequest request, Map<String, String> opened) {
			super(request);
			opened.forEach((name, value) -> this.parameters.put(name, new String[] { value }));
		}

		@Override
		public @Nullable String getParameter(String name) {
			String[] values = this.parameters.get(name);
			return (values != null) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return Collections.unmodifiableMap(this.parameters);
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(this.parameters.keySet());
		}

		@Override
		public String @Nullable [] getParameterValues(String name) {
			String[] values = this.parameters.get(name);
			return (values != null) ? values.clone() : null;
		}

		@Override
		public @Nullable String getQueryString() {
			// the login reads parameters; the raw query is the provider's envelope
			return null;
		}

	}

}
