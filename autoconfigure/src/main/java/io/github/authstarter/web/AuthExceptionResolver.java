package io.github.authstarter.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.github.authstarter.token.NoRefreshTokenException;
import io.github.authstarter.token.ReauthenticationRequiredException;
import io.github.authstarter.token.TokenRefreshUnavailableException;
import io.github.authstarter.user.NotAuthenticatedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers the starter's exceptions thrown from application code or its endpoints: 401
 * when nobody is signed in, 401 {@code reauthentication_required} (browsers: back to the
 * login) when the provider ended the sign-in, 409 when there is no refresh token, 503
 * when the provider cannot be reached.
 */
public final class AuthExceptionResolver implements HandlerExceptionResolver, Ordered {

	private final AuthErrorResponder responder;

	private final AuthPaths paths;

	/**
	 * Creates the resolver.
	 * @param responder writes the errors
	 * @param paths the endpoints
	 */
	public AuthExceptionResolver(AuthErrorResponder responder, AuthPaths paths) {
		this.responder = responder;
		this.paths = paths;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception exception) {
		try {
			if (exception instanceof NotAuthenticatedException) {
				this.responder.respond(request, response,
						new AuthError(401, "unauthenticated", "Sign in first.", null));
			}
			else if (exception instanceof ReauthenticationRequiredException ended) {
				if (ErrorResponseWriter.wantsJson(request)) {
					this.responder.respond(request, response,
							new AuthError(401, "reauthentication_required", ended.getMessage(), ended.provider()));
				}
				else {
					response.sendRedirect(request.getContextPath() + this.paths.loginPath(ended.provider()));
				}
			}
			else if (exception instanceof NoRefreshTokenException missing) {
				this.responder.respond(request, response,
						new AuthError(409, "no_refresh_token", missing.getMessage(), null));
			}
			else if (exception instanceof TokenRefreshUnavailableException unavailable) {
				this.responder.respond(request, response,
						new AuthError(503, unavailable.error(), unavailable.getMessage(), null));
			}
			else {
				return null;
			}
			return new ModelAndView();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
