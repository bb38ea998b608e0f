package io.github.authstarter.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.authstarter.flow.RedirectTarget;
import io.github.authstarter.flow.StepUp;
import io.github.authstarter.http.HtmlPages;
import io.github.authstarter.http.JsonResponses;
import io.github.authstarter.http.PageTexts;
import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.token.ApiTokenRefusedException;
import io.github.authstarter.token.NoRefreshTokenException;
import io.github.authstarter.token.ReauthenticationRequiredException;
import io.github.authstarter.token.TokenRefreshUnavailableException;
import io.github.authstarter.user.ApiDestinationRefusedException;
import io.github.authstarter.user.ConsentRequiredException;
import io.github.authstarter.user.NotAuthenticatedException;
import io.github.authstarter.user.StepUpRequiredException;
import io.github.authstarter.user.StepUpUnsupportedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers the starter's exceptions thrown from application code or its endpoints: 401
 * when nobody is signed in, 401 {@code reauthentication_required} (browsers: back to the
 * login) when the provider ended the sign-in, 403 {@code consent_required} when an API's
 * token needs the user's grant, 409 when there is no refresh token, 503 when the provider
 * cannot be reached.
 */
public final class AuthExceptionResolver implements HandlerExceptionResolver, Ordered {

	private static final Log logger = LogFactory.getLog(AuthExceptionResolver.class);

	/** How long a client should wait before trying again after a provider outage. */
	private static final String RETRY_AFTER_SECONDS = "5";

	private final AuthErrorResponder responder;

	private final AuthPaths paths;

	private final String loginPath;

	/** Whether the application answers errors itself, the consent page included. */
	private final boolean ownPages;

	/**
	 * Creates the resolver.
	 * @param responder writes the errors
	 * @param paths the endpoints
	 */
	public AuthExceptionResolver(AuthErrorResponder responder, AuthPaths paths) {
		this(responder, paths, paths.signInPage());
	}

	/**
	 * Creates the resolver.
	 * @param responder writes the errors
	 * @param paths the endpoints
	 * @param loginPath where a signed-out user signs in (the one provider's login, or the
	 * sign-in page), named in JSON answers as {@code loginUrl}
	 */
	public AuthExceptionResolver(AuthErrorResponder responder, AuthPaths paths, String loginPath) {
		this.responder = ErrorResponseWriter.prepared(responder);
		this.paths = paths;
		this.loginPath = loginPath;
		this.ownPages = responder != ErrorResponseWriter.STANDARD;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest received, HttpServletResponse response,
			@Nullable Object handler, Exception exception) {
		// on an API path every answer below is JSON, never a redirect or a page
		HttpServletRequest request = JsonOnlyRequest.onApiPaths(received, this.paths);
		try {
			if (exception instanceof StepUpRequiredException stepUp) {
				stepUp(request, response, stepUp);
			}
			else if (exception instanceof StepUpUnsupportedException unsupported) {
				logger.warn("Step-up refused: provider '" + unsupported.provider()
						+ "' cannot prove a new authentication, on " + request.getMethod() + " "
						+ request.getRequestURI());
				this.responder.respond(request, response,
						new AuthError(403, "step_up_unsupported",
								"This action needs you to sign in again, which your sign-in provider cannot confirm. "
										+ "Sign in with another provider to continue.",
								null));
			}
			else if (exception instanceof ConsentRequiredException consent) {
				consent(request, response, consent.provider(), consent.api(), consent.error());
			}
			else if (exception instanceof ApiDestinationRefusedException refused) {
				logger.warn("Kept the token of API '" + refused.api() + "' from a request outside its base-url on "
						+ request.getMethod() + " " + request.getRequestURI());
				this.responder.respond(request, response, new AuthError(400, "api_destination_refused",
						"The request would have sent a token where it does not belong.", null));
			}
			else if (exception instanceof ApiTokenRefusedException refused) {
				// from Spring's own client tools, which call the manager directly
				consent(request, response, refused.api().provider(), refused.api().name(), refused.error());
			}
			else if (exception instanceof NotAuthenticatedException && JsonResponses.wantsJson(request)) {
				// as the login entry point answers an API: where to send the browser
				this.responder.respond(request, response,
						new AuthError(401, "unauthenticated", "Sign in first.", null, null, null,
								Map.of("authenticated", false, "loginUrl", request.getContextPath() + this.loginPath)));
			}
			else if (exception instanceof NotAuthenticatedException) {
				this.responder.respond(request, response,
						new AuthError(401, "unauthenticated", "Sign in first.", null));
			}
			else if (exception instanceof ReauthenticationRequiredException ended) {
				if (JsonResponses.wantsJson(request)) {
					this.responder.respond(request, response,
							new AuthError(401, "reauthentication_required", ended.getMessage(), ended.provider()));
				}
				else {
					response.sendRedirect(request.getContextPath() + this.paths.loginPath(ended.provider()));
				}
			}
			else if (exception instanceof NoRefreshTokenException missing) {
				this.responder.respond(request, response,
						new AuthError(409, "no_refresh_token", missing.getMessage(), missing.provider()));
			}
			else if (exception instanceof TokenRefreshUnavailableException unavailable) {
				response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
				this.responder.respond(request, response,
						new AuthError(503, unavailable.error(), unavailable.getMessage(), null));
			}
			else if (exception instanceof ProviderUnavailableException unavailable) {
				// a provider this instance has not met yet, down now, reached from
				// Spring's
				// own client tools or application code: an outage, not a broken request
				logger.warn("Provider '" + unavailable.registrationId() + "' unavailable on " + request.getMethod()
						+ " " + request.getRequestURI() + ": " + unavailable.getMessage());
				response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
				this.responder.respond(request, response, new AuthError(503, "provider_unavailable",
						"The sign-in provider cannot be reached right now. Please try again shortly.", null));
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

	/**
	 * The provider wants the user to grant an API first: {@code 403 consent_required}
	 * with the login URL that asks for the API's scopes ({@code ?api=}, with
	 * {@code prompt=consent}) and brings the browser back to this page; a browser gets a
	 * page with that link rather than being sent away unasked (the application's own
	 * error page where it has one).
	 */
	private void consent(HttpServletRequest request, HttpServletResponse response, String provider, String api,
			String error) throws IOException {
		String consentUrl = request.getContextPath() + this.paths.loginPath(provider) + "?api="
				+ URLEncoder.encode(api, StandardCharsets.UTF_8);
		String target = request.getRequestURI().substring(request.getContextPath().length())
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		if ("GET".equals(request.getMethod()) && RedirectTarget.isSafe(target)) {
			consentUrl += "&redirect=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
		}
		logger.info("Consent required at provider '" + provider + "' for API '" + api + "' (" + error + ") on "
				+ request.getMethod() + " " + request.getRequestURI());
		AuthError refused = new AuthError(403, "consent_required",
				"Access to " + api + " has not been granted yet; grant it at the provider to continue.", provider,
				error, null, Map.of("provider", provider, "api", api, "consentUrl", consentUrl));
		if (JsonResponses.wantsJson(request) || this.ownPages) {
			this.responder.respond(request, response, refused);
			return;
		}
		PageTexts texts = PageTexts.of(request);
		String title = texts.text(request, "auth.page.consent");
		String body = """
				<h1>%s</h1><p id="message">%s</p>
				<p><a id="grant-consent" class="button primary" href="%s">%s</a></p>
				""".formatted(HtmlPages.escape(title),
				HtmlPages.escape(ErrorResponseWriter.localized(request, refused).message()),
				HtmlPages.escape(consentUrl), HtmlPages.escape(texts.text(request, "auth.page.grant-access")));
		HtmlPages.write(request, response, 403, title, body);
	}

	/**
	 * Records the step-up in the session (so the next login with the provider asks for
	 * it, whatever a link says) and sends the user there: a browser straight away, back
	 * to this page afterwards; a script gets {@code 401 step_up_required} and the URL.
	 */
	private void stepUp(HttpServletRequest request, HttpServletResponse response, StepUpRequiredException stepUp)
			throws IOException {
		HttpSession session = request.getSession(false);
		if (session != null) {
			StepUp.request(session, stepUp.provider(), stepUp.maxAge(), stepUp.acr(), stepUp.claims());
		}
		String loginUrl = request.getContextPath() + this.paths.loginPath(stepUp.provider());
		String target = request.getRequestURI().substring(request.getContextPath().length())
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		boolean json = JsonResponses.wantsJson(request);
		if (!json && "GET".equals(request.getMethod()) && RedirectTarget.isSafe(target)) {
			loginUrl += "?redirect=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
		}
		logger.info("Step-up required at provider '" + stepUp.provider() + "' for " + request.getMethod() + " "
				+ request.getRequestURI());
		if (!json) {
			JsonResponses.noStore(response);
			response.sendRedirect(loginUrl);
			return;
		}
		this.responder.respond(request, response,
				new AuthError(401, "step_up_required", "Please sign in again at the provider to continue.",
						stepUp.provider(), null, null, Map.of("loginUrl", loginUrl)));
	}

}
