package io.github.authstarter.web;

import java.io.IOException;
import java.util.Map;

import io.github.authstarter.event.SignInFailedEvent;
import io.github.authstarter.flow.InvalidLoginParameterException;
import io.github.authstarter.flow.LoginRateLimitedException;
import io.github.authstarter.http.PageTexts;
import io.github.authstarter.provider.ProviderProfileUnmetException;
import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.provider.PushedAuthorizationRefusedException;
import io.github.authstarter.session.SessionStoreFailures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers a login that could not start: 503 naming the provider when it is unreachable,
 * 404 for an unknown provider, 400 otherwise; Spring Security's default would be a bare
 * 500.
 */
final class LoginStartFailureHandler implements AuthenticationFailureHandler {

	private static final Log logger = LogFactory.getLog(LoginStartFailureHandler.class);

	private final AuthPaths paths;

	private final AuthErrorResponder responder;

	private final ApplicationEventPublisher events;

	LoginStartFailureHandler(AuthPaths paths, AuthErrorResponder responder, ApplicationEventPublisher events) {
		this.paths = paths;
		this.responder = ErrorResponseWriter.prepared(responder);
		this.events = events;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		Throwable cause = (exception.getCause() != null) ? exception.getCause() : exception;
		String provider = providerId(request);
		if (cause instanceof ProviderUnavailableException unavailable) {
			// the detail (host names, addresses, URLs) is for the operator, not for
			// anonymous visitors
			logger.warn("Login could not start: " + unavailable.getMessage());
			response.setHeader("Retry-After", "5");
			respond(request, response,
					new AuthError(HttpStatus.SERVICE_UNAVAILABLE.value(), "provider_unavailable",
							PageTexts.of(request).provider(request, provider)
									+ " cannot be reached right now. Please try again in a moment.",
							provider));
			return;
		}
		if (cause instanceof PushedAuthorizationRefusedException refused) {
			logger.warn("Login could not start for provider '" + provider + "': par_failed (" + refused.reason()
					+ ((refused.reason().equals("par_not_offered")) ? "; auth.providers." + provider
							+ ".par is required but the provider offers no PAR endpoint" : "")
					+ ")");
			respond(request, response,
					new AuthError(HttpStatus.BAD_GATEWAY.value(), "par_failed",
							PageTexts.of(request).provider(request, provider) + " did not accept the sign-in request.",
							provider));
			return;
		}
		if (cause instanceof ProviderProfileUnmetException unmet) {
			// ProviderProfiles logged the detail once; each refusal gets its line
			logger.warn("Login could not start for provider '" + provider + "': provider_profile_unmet ("
					+ String.join(", ", unmet.missing()) + ")");
			respond(request, response,
					new AuthError(HttpStatus.SERVICE_UNAVAILABLE.value(), "provider_profile_unmet",
							PageTexts.of(request).provider(request, provider)
									+ " does not offer the security this sign-in requires.",
							provider, null, null, Map.of("missing", unmet.missing())));
			return;
		}
		if (SessionStoreFailures.isUnavailable(exception)) {
			logger.warn("Login could not start for provider '" + provider + "': session_store_unavailable");
			response.setHeader("Retry-After", "5");
			respond(request, response,
					new AuthError(HttpStatus.SERVICE_UNAVAILABLE.value(), "session_store_unavailable",
							"Sign-in is unavailable for a moment: the session store cannot be reached. "
									+ "Please try again shortly.",
							provider));
			return;
		}
		if (cause instanceof InvalidLoginParameterException invalid) {
			logger.info("Login could not start for provider '" + provider + "': invalid_login_parameter ("
					+ invalid.parameter() + ")");
			respond(request, response, new AuthError(HttpStatus.BAD_REQUEST.value(), "invalid_login_parameter",
					invalid.getMessage(), provider, null, null, Map.of("parameter", invalid.parameter())));
			return;
		}
		if (cause instanceof LoginRateLimitedException limited) {
			logger.warn("Login could not start for provider '" + provider + "': rate_limited");
			response.setHeader("Retry-After", "60");
			respond(request, response, new AuthError(HttpStatus.TOO_MANY_REQUESTS.value(), "rate_limited",
					"There were " + limited.getMessage() + ".", provider));
			return;
		}
		if (cause instanceof IllegalArgumentException && cause.getMessage() != null
				&& cause.getMessage().startsWith("Invalid Client Registration")) {
			logger.info("Login could not start: unknown provider '" + provider + "'");
			respond(request, response, new AuthError(HttpStatus.NOT_FOUND.value(), "unknown_provider",
					"This sign-in link is not valid.", provider));
			return;
		}
		logger.warn("Login could not start for provider '" + provider + "': " + cause.getClass().getSimpleName());
		respond(request, response, new AuthError(HttpStatus.BAD_REQUEST.value(), "login_failed",
				PageTexts.of(request).provider(request, provider) + " could not start the sign-in.", provider));
	}

	private void respond(HttpServletRequest request, HttpServletResponse response, AuthError error) throws IOException {
		request.setAttribute(LoginObservationFilter.OUTCOME, error.error());
		this.events
			.publishEvent(new SignInFailedEvent((error.provider() != null) ? error.provider() : "", error.error()));
		this.responder.respond(request, response, error);
	}

	private String providerId(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String id = path.startsWith(this.paths.login() + "/") ? path.substring(this.paths.login().length() + 1) : path;
		// the id is echoed back, so keep it short and plain
		return id.replaceAll("[^A-Za-z0-9._-]", "?").substring(0, Math.min(id.length(), 64));
	}

}
