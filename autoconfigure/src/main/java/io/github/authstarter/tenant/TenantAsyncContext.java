package io.github.authstarter.tenant;

import java.util.Locale;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * An async request below a tenant's path, dispatched back below it: the container
 * dispatches to the request's path within its own context, which has no tenant in it.
 */
final class TenantAsyncContext implements AsyncContext {

	private final AsyncContext delegate;

	private final String base;

	TenantAsyncContext(AsyncContext delegate, String base) {
		this.delegate = delegate;
		this.base = base;
	}

	@Override
	public void dispatch() {
		if (this.delegate.getRequest() instanceof HttpServletRequest request) {
			String uri = request.getRequestURI();
			String context = request.getContextPath();
			String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
			if (!path.startsWith(this.base + "/")) {
				// started on the tenant's view of the request: the container would
				// dispatch to its path within the tenant, at the root
				this.delegate.dispatch(this.base + path);
				return;
			}
		}
		this.delegate.dispatch();
	}

	@Override
	public void dispatch(String path) {
		this.delegate.dispatch(TenantAsyncContext.below(path) ? this.base + path : path);
	}

	@Override
	public void dispatch(ServletContext context, String path) {
		this.delegate.dispatch(context, path);
	}

	/**
	 * Whether a path given to a dispatcher is one of the application's pages, to be found
	 * below the tenant's path: not what the container keeps apart, nor a path that climbs
	 * out of it ({@code /../globex/x}), which the container refuses as it is.
	 */
	static boolean below(String path) {
		// a path parameter (/..;/) would hide a climb from these checks
		return path.startsWith("/") && !containers(path) && !path.contains(";") && !path.contains("/../")
				&& !path.endsWith("/..") && !path.contains("/./");
	}

	/** Whether a path is of what the container keeps from requests. */
	static boolean containers(String path) {
		String upper = path.toUpperCase(Locale.ROOT);
		return upper.equals("/WEB-INF") || upper.equals("/META-INF") || upper.startsWith("/WEB-INF/")
				|| upper.startsWith("/META-INF/");
	}

	@Override
	public ServletRequest getRequest() {
		return this.delegate.getRequest();
	}

	@Override
	public ServletResponse getResponse() {
		return this.delegate.getResponse();
	}

	@Override
	public boolean hasOriginalRequestAndResponse() {
		return this.delegate.hasOriginalRequestAndResponse();
	}

	@Override
	public void complete() {
		this.delegate.complete();
	}

	@Override
	public void start(Runnable run) {
		this.delegate.start(run);
	}

	@Override
	public void addListener(AsyncListener listener) {
		this.delegate.addListener(listener);
	}

	@Override
	public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
		this.delegate.addListener(listener, request, response);
	}

	@Override
	public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
		return this.delegate.createListener(type);
	}

	@Override
	public void setTimeout(long timeout) {
		this.delegate.setTimeout(timeout);
	}

	@Override
	public long getTimeout() {
		return this.delegate.getTimeout();
	}

}
