package io.github.authstarter.session;

import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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

	private static final Log logger = LogFactory.getLog(SessionSecurityContextRepository.class);

	private final SessionUserStore store;

	private final Predicate<String> providerInUse;

	/**
	 * Creates a repository.
	 * @param store the record store
	 */
	public SessionSecurityContextRepository(SessionUserStore store) {
		this(store, (provider) -> true);
	}

	/**
	 * Creates a repository that ends the sessions of providers no longer in use.
	 * @param store the record store
	 * @param providerInUse whether a provider's sessions may go on (a stored provider
	 * that was removed or disabled is not)
	 */
	public SessionSecurityContextRepository(SessionUserStore store, Predicate<String> providerInUse) {
		this.store = store;
		this.providerInUse = providerInUse;
	}

	@Override
	public SecurityContext loadContext(HttpRequestResponseHolder requestResponseHolder) {
		return loadDeferredContext(requestResponseHolder.getRequest()).get();
	}

	@Override
	public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
		Supplier<SecurityContext> supplier = () -> {
			SessionUser user = inUse(request, this.store.read(request));
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
		return inUse(request, this.store.read(request)) != null;
	}

	private @Nullable SessionUser inUse(HttpServletRequest request, @Nullable SessionUser user) {
		if (user == null || this.providerInUse.test(user.provider())) {
			return user;
		}
		logger.info("Ended a session of provider '" + user.provider() + "', which was removed or disabled");
		this.store.remove(request);
		return null;
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
