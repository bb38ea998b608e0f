package io.github.authstarter.tenant;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * Serves each tenant's part of the application below its path, as if that path were the
 * context path: {@code /t/acme/auth/login} is the sign-in page at {@code /auth/login} for
 * tenant {@code acme}, and everything the starter writes from the context path (the
 * redirect URI sent to the provider, the redirects after sign-in and sign-out, the
 * session cookie's path) stays below {@code /t/acme}. It runs before the session and
 * security filters; a path of no tenant passes untouched.
 */
public final class TenantPathFilter extends OncePerRequestFilter {

	private final PathTenantResolver tenants;

	/**
	 * Creates the filter.
	 * @param tenants reads the tenant from the path
	 */
	public TenantPathFilter(PathTenantResolver tenants) {
		this.tenants = tenants;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		// an async dispatch started on the container's request comes without the
		// tenant's view; one started on it finds no tenant in it again and passes
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (alreadyTenants(request)) {
			// an async dispatch of a request already below a tenant's path: that tenant's
			chain.doFilter(request, response);
			return;
		}
		String context = request.getContextPath();
		String path = request.getRequestURI().substring(context.length());
		String tenant = this.tenants.tenantOf(path);
		if (tenant == null) {
			chain.doFilter(request, response);
			return;
		}
		String base = this.tenants.pathOf(tenant);
		if (path.length() == base.length()) {
			// as a container does for its context root, so pages below it resolve
			// against it; relative, so no forwarded prefix can point it elsewhere
			response.sendRedirect(tenant + "/");
			return;
		}
		String servletPath = request.getServletPath();
		if (!servletPath.startsWith(base + "/")) {
			// decoded, it no longer starts with what was sent: served as no tenant's
			chain.doFilter(request, response);
			return;
		}
		if (TenantAsyncContext.containers(servletPath.substring(base.length()))) {
			// what the container keeps from requests stays kept below a tenant's path
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		request.setAttribute(PathTenantResolver.TENANT, tenant);
		// paths parsed before now were parsed against the container's context path
		request.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
		request.removeAttribute(UrlPathHelper.PATH_ATTRIBUTE);
		chain.doFilter(new TenantRequest(request, base), response);
	}

	private static boolean alreadyTenants(ServletRequest request) {
		ServletRequest current = request;
		while (current instanceof ServletRequestWrapper wrapper) {
			if (wrapper instanceof TenantRequest) {
				return true;
			}
			current = wrapper.getRequest();
		}
		return false;
	}

	/**
	 * The request as the part of the application below the tenant's path sees it. A
	 * forward or an async dispatch to a path of the application goes below the tenant's
	 * path too, as it would below a context path; forwarded elsewhere by the container,
	 * it is the container's request again.
	 */
	private static final class TenantRequest extends HttpServletRequestWrapper {

		private final String base;

		TenantRequest(HttpServletRequest request, String base) {
			super(request);
			this.base = base;
		}

		private boolean below() {
			String uri = super.getRequestURI();
			return uri != null && uri.startsWith(super.getContextPath() + this.base + "/")
					&& super.getServletPath().startsWith(this.base + "/");
		}

		@Override
		public String getContextPath() {
			return below() ? super.getContextPath() + this.base : super.getContextPath();
		}

		@Override
		public String getServletPath() {
			return below() ? super.getServletPath().substring(this.base.length()) : super.getServletPath();
		}

		@Override
		public @Nullable RequestDispatcher getRequestDispatcher(String path) {
			return super.getRequestDispatcher(
					(path != null && TenantAsyncContext.below(path)) ? this.base + path : path);
		}

		@Override
		public AsyncContext startAsync() {
			return new TenantAsyncContext(super.startAsync(), this.base);
		}

		@Override
		public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
			return new TenantAsyncContext(super.startAsync(request, response), this.base);
		}

	}

}
