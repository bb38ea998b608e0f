package io.github.authstarter.session;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The security context rebuilt from the {@link SessionUser} record, instead of a
 * JDK-serialized {@code SecurityContext} in the session. The record itself is written
 * with the tokens at login ({@link SessionAuthorizedClientRepository}); saving an empty
 * context (logout) removes it.
 */
public final class SessionSecurityContextRepository implements SecurityContextRepository {

	private final SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

	private final SessionUserStore store;

	/**
	 * Creates a repository.
	 * @param store the record store
	 */
	public SessionSecurityContextRepository(SessionUserStore store) {
		this.store = store;
	}

	@Override
	public SecurityContext loadContext(HttpRequestResponseHolder requestResponseHolder) {
		return loadDeferredContext(requestResponseHolder.getRequest()).get();
	}

	@Override
	public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
		Supplier<SecurityContext> supplier = () -> {
			SessionUser user = this.store.read(request);
			SecurityContext context = this.strategy.createEmptyContext();
			if (user != null) {
				context.setAuthentication(this.store.authentication(user));
			}
			return context;
		};
		return new LazyContext(supplier);
	}

	@Override
	public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
		Authentication authentication = context.getAuthentication();
		if (authentication == null) {
			this.store.remove(request);
		}
		else if (!(authentication instanceof OAuth2AuthenticationToken)) {
			throw new IllegalStateException(
					"Only OAuth2 logins are kept in the session, not " + authentication.getClass().getSimpleName());
		}
	}

	@Override
	public boolean containsContext(HttpServletRequest request) {
		return this.store.read(request) != null;
	}

	private static final class LazyContext implements DeferredSecurityContext {

		private final Supplier<SecurityContext> supplier;

		private SecurityContext context;

		LazyContext(Supplier<SecurityContext> supplier) {
			this.supplier = supplier;
		}

		@Override
		public SecurityContext get() {
			if (this.context == null) {
				this.context = this.supplier.get();
			}
			return this.context;
		}

		@Override
		public boolean isGenerated() {
			return get().getAuthentication() == null;
		}

	}

}
