package io.github.authstarter.flow;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The provider id a path below a base names ({@code /auth/login/<id>}), read as Spring
 * Security reads it: decoded, without path parameters. Asked on every request, so a path
 * sent plainly (no {@code %}, no {@code ;}) that does not start with the base is answered
 * by one comparison; any other is matched as Spring Security matches it.
 */
public final class ProviderPathMatcher {

	private static final String ID = "registrationId";

	private final String prefix;

	private final RequestMatcher matcher;

	/**
	 * Creates the matcher.
	 * @param base the path the id follows, such as {@code /auth/login}
	 */
	public ProviderPathMatcher(String base) {
		this.prefix = base + "/";
		this.matcher = PathPatternRequestMatcher.withDefaults().matcher(base + "/{" + ID + "}");
	}

	/**
	 * The provider id the request's path names.
	 * @param request the request
	 * @return the id, or {@code null} when the path is not below the base
	 */
	public @Nullable String providerId(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		if (uri != null && context != null && uri.indexOf('%') < 0 && uri.indexOf(';') < 0
				&& !uri.startsWith(this.prefix, context.length())) {
			return null;
		}
		RequestMatcher.MatchResult match = this.matcher.matcher(request);
		return match.isMatch() ? match.getVariables().get(ID) : null;
	}

}
