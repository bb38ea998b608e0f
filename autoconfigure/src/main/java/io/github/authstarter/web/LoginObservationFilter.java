package io.github.authstarter.web;

import java.io.IOException;

import io.github.authstarter.observation.AuthObservationContext;
import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.observation.AuthOperation;
import io.micrometer.observation.Observation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Observes each login start ({@code auth.login.start}) and callback
 * ({@code auth.login.callback}): the provider (a configured id, else {@code unknown}) and
 * the outcome the login handlers leave in a request attribute ({@code redirected},
 * {@code success} or the error code the user got).
 */
final class LoginObservationFilter extends OncePerRequestFilter {

	/** Request attribute with the login's outcome, set by the login handlers. */
	static final String OUTCOME = LoginObservationFilter.class.getName() + ".outcome";

	private final AuthPaths paths;

	private final AuthObservations observations;

	LoginObservationFilter(AuthPaths paths, AuthObservations observations) {
		this.paths = paths;
		this.observations = observations;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return operation(path(request)) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = path(request);
		AuthOperation operation = operation(path);
		String base = (operation == AuthOperation.LOGIN_CALLBACK) ? this.paths.callback() : this.paths.login();
		String named = path.substring(base.length() + 1);
		AuthObservationContext context = this.observations.context(operation, named);
		Observation observation = this.observations.start(context);
		try (Observation.Scope scope = observation.openScope()) {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			Object outcome = request.getAttribute(OUTCOME);
			context.outcome((outcome != null) ? outcome.toString()
					: (operation == AuthOperation.LOGIN_START && response.getStatus() / 100 == 3) ? "redirected"
							: "none");
			observation.stop();
		}
	}

	private @Nullable AuthOperation operation(String path) {
		if (path.startsWith(this.paths.callback() + "/")) {
			return AuthOperation.LOGIN_CALLBACK;
		}
		String start = this.paths.login() + "/";
		if (path.startsWith(start) && path.indexOf('/', start.length()) < 0) {
			return AuthOperation.LOGIN_START;
		}
		return null;
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
