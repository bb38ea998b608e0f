package io.github.authstarter.web;

import java.io.IOException;

import io.github.authstarter.provider.ProviderRegistrations;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Observes each login callback as {@code auth.login.callback} with two low-cardinality
 * keys: the provider (a configured id, else {@code unknown}) and the outcome
 * ({@code success} or the reason the user got).
 */
final class LoginCallbackObservationFilter extends OncePerRequestFilter {

	/** Request attribute with the callback's outcome, set by the login handlers. */
	static final String OUTCOME = LoginCallbackObservationFilter.class.getName() + ".outcome";

	private final String callbackPath;

	private final ProviderRegistrations registrations;

	private final ObservationRegistry observations;

	LoginCallbackObservationFilter(String callbackPath, ProviderRegistrations registrations,
			ObservationRegistry observations) {
		this.callbackPath = callbackPath;
		this.registrations = registrations;
		this.observations = observations;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI()
			.substring(request.getContextPath().length())
			.startsWith(this.callbackPath + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String named = path.substring(this.callbackPath.length() + 1);
		String provider = (this.registrations.definition(named) != null) ? named : "unknown";
		Observation observation = Observation.start("auth.login.callback", this.observations)
			.lowCardinalityKeyValue("provider", provider);
		try (Observation.Scope scope = observation.openScope()) {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			Object outcome = request.getAttribute(OUTCOME);
			observation.lowCardinalityKeyValue("outcome", (outcome != null) ? outcome.toString() : "none");
			observation.stop();
		}
	}

}
