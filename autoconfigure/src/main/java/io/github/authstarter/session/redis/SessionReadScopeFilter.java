package io.github.authstarter.session.redis;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Marks the span of one request for {@link SingleReadRedisSessionRepository}, around
 * Spring Session's filter, so the session it writes at the end of the request is not read
 * back from Redis by that same request.
 */
public final class SessionReadScopeFilter implements Filter {

	private final SingleReadRedisSessionRepository repository;

	/**
	 * Creates the filter.
	 * @param repository the repository whose request scope it marks
	 */
	public SessionReadScopeFilter(SingleReadRedisSessionRepository repository) {
		this.repository = repository;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		boolean began = this.repository.beginRequest();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (began) {
				this.repository.endRequest();
			}
		}
	}

}
