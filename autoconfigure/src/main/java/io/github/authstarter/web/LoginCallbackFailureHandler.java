package io.github.authstarter.web;

import java.io.IOException;
import java.util.Map;

import com.nimbusds.jose.RemoteKeySourceException;
import io.github.authstarter.access.SignInRefusedException;
import io.github.authstarter.event.SignInFailedEvent;
import io.github.authstarter.flow.RedirectingAuthorizationRequestResolver;
import io.github.authstarter.http.PageTexts;
import io.github.authstarter.provider.JwtRejectionReason;
import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.session.SessionUserStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.client.ResourceAccessException;

/**
 * Ends a failed callback on a clear 4xx (503 only when the provider cannot be reached)
 * with a reason, one log line naming the reason and the provider, and no session. A stale
 * callback of a user who is already signed in (the back button after login) is sent home
 * instead of to an error.
 */
final class LoginCallbackFailureHandler implements AuthenticationFailureHandler {

	private static final Log logger = LogFactory.getLog(LoginCallbackFailureHandler.class);

	private static final Map<String, Failure> FAILURES = Map.ofEntries(
			Map.entry("authorization_request_not_found",
					new Failure(400, "state_unknown", "This sign-in has expired or was already used.")),
			Map.entry("invalid_state_parameter", new Failure(400, "state_invalid", "This sign-in is not valid.")),
			Map.entry("flow_binding_missing",
					new Failure(400, "flow_binding_missing",
							"This browser did not start this sign-in, or it blocks cookies.")),
			Map.entry("flow_binding_ambiguous",
					new Failure(400, "flow_binding_ambiguous",
							"This browser sent several sign-in cookies, one of them not set by this site.")),
			Map.entry("flow_binding_mismatch",
					new Failure(403, "flow_binding_mismatch", "This sign-in was started in another browser.")),
			Map.entry("iss_mismatch", new Failure(400, "iss_mismatch", "The answer came from another provider.")),
			Map.entry("provider_not_for_tenant",
					new Failure(400, "provider_not_for_tenant", "This sign-in is not offered here.")),
			Map.entry("provider_mismatch",
					new Failure(400, "provider_mismatch", "The answer was meant for another provider.")),
			Map.entry("iss_missing", new Failure(400, "iss_missing", "The provider's answer did not say who sent it.")),
			Map.entry("invalid_signed_response",
					new Failure(400, "invalid_signed_response", "The provider's signed answer could not be verified.")),
			Map.entry("invalid_request", new Failure(400, "invalid_callback", "The provider's answer was incomplete.")),
			Map.entry("access_denied", new Failure(401, "access_denied", "The sign-in was cancelled or refused.")),
			Map.entry("login_required", new Failure(401, "login_required", "The provider asks you to sign in again.")),
			Map.entry("interaction_required",
					new Failure(401, "interaction_required", "The provider needs you to complete the sign-in.")),
			Map.entry("consent_required", new Failure(401, "consent_required", "The provider needs your consent.")),
			Map.entry("invalid_id_token", new Failure(401, "invalid_id_token", "The provider's answer was not valid.")),
			Map.entry("invalid_nonce", new Failure(401, "invalid_id_token", "The provider's answer was not valid.")),
			Map.entry("invalid_grant", new Failure(400, "token_exchange_failed", "The sign-in code was refused.")),
			Map.entry("invalid_token_response",
					new Failure(400, "token_exchange_failed", "The provider refused to complete the sign-in.")),
			Map.entry("client_registration_not_found",
					new Failure(404, "unknown_provider", "The provider of this sign-in is not configured.")));

	private static final Failure OTHER = new Failure(400, "login_failed", "The sign-in failed.");

	private final SessionUserStore store;

	private final AuthPaths paths;

	private final String defaultTarget;

	private final AuthErrorResponder responder;

	private final ApplicationEventPublisher events;

	LoginCallbackFailureHandler(SessionUserStore store, AuthPaths paths, String defaultTarget,
			AuthErrorResponder responder, ApplicationEventPublisher events) {
		this.store = store;
		this.paths = paths;
		this.defaultTarget = defaultTarget;
		this.responder = ErrorResponseWriter.prepared(responder);
		this.events = events;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String provider = providerId(request);
		String code = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError().getErrorCode()
				: "";
		if ("authorization_request_not_found".equals(code) && this.store.read(request) != null) {
			response.sendRedirect(request.getContextPath() + this.defaultTarget);
			return;
		}
		if (exception instanceof SignInRefusedException refused) {
			// the user is who the provider says, but may not use this application: no
			// session, and a way to try another account
			logger.warn("Login refused for provider '" + provider + "': access_denied (" + refused.reason() + ")");
			respond(request, response,
					new AuthError(403, "access_denied", refused.userMessage(), provider, refused.reason(),
							request.getContextPath() + this.paths.login() + "/" + provider + "?prompt="
									+ RedirectingAuthorizationRequestResolver.SELECT_ACCOUNT),
					refused.reason());
			return;
		}
		if (unreachable(exception)) {
			logger.warn("Login failed for provider '" + provider + "': provider_unavailable");
			response.setHeader("Retry-After", "5");
			respond(request, response,
					new AuthError(503, "provider_unavailable", PageTexts.of(request).provider(request, provider)
							+ " cannot be reached. Please try again in a moment.", provider));
			return;
		}
		Failure failure = FAILURES.getOrDefault(code, OTHER);
		String detail = FAILURES.containsKey(code) ? idTokenDetail(code, exception) : loggable(code);
		logger.warn("Login failed for provider '" + provider + "': " + failure.reason()
				+ ((detail != null) ? " (" + detail + ")" : ""));
		respond(request, response, new AuthError(failure.status(), failure.reason(),
				failure.message() + " Please sign in again.", provider));
	}

	private static @Nullable String idTokenDetail(String code, Throwable exception) {
		if ("invalid_nonce".equals(code)) {
			return "claims nonce";
		}
		if ("invalid_signed_response".equals(code) && exception instanceof OAuth2AuthenticationException signed) {
			// fixed words and claim names only (SignedAuthorizationResponses)
			return signed.getError().getDescription();
		}
		return "invalid_id_token".equals(code) ? JwtRejectionReason.of(exception) : null;
	}

	/**
	 * An unmapped error code comes from the callback's {@code error} parameter, so anyone
	 * can send one: only a plain token reaches the log, never line breaks that would
	 * forge log lines.
	 */
	static String loggable(String code) {
		return code.matches("[A-Za-z0-9_.-]{1,64}") ? code : "invalid";
	}

	private static boolean unreachable(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			// a timeout can also arrive inside a plain RestClientException, when the
			// provider sent its headers and then stalled
			// the provider's keys cannot be fetched (now): a retry may work, the token
			// was not found to be invalid
			if (cause instanceof ResourceAccessException || cause instanceof ProviderUnavailableException
					|| cause instanceof IOException || cause instanceof RemoteKeySourceException) {
				return true;
			}
		}
		return false;
	}

	private void respond(HttpServletRequest request, HttpServletResponse response, AuthError error) throws IOException {
		respond(request, response, error, error.error());
	}

	private void respond(HttpServletRequest request, HttpServletResponse response, AuthError error, String outcome)
			throws IOException {
		request.setAttribute(LoginObservationFilter.OUTCOME, outcome);
		this.events.publishEvent(new SignInFailedEvent((error.provider() != null) ? error.provider() : "", outcome));
		this.responder.respond(request, response, error);
	}

	private String providerId(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String prefix = this.paths.callback() + "/";
		String id = path.startsWith(prefix) ? path.substring(prefix.length()) : "?";
		return id.replaceAll("[^A-Za-z0-9._-]", "?").substring(0, Math.min(id.length(), 64));
	}

	private record Failure(int status, String reason, String message) {
	}

}
