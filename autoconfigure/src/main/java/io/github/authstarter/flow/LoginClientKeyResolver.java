package io.github.authstarter.flow;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Names the client a login start is counted against for the per-client cap. The default
 * is the remote address, which behind a proxy is the proxy's unless
 * {@code server.forward-headers-strategy} makes it the client's; replace it to key on
 * something else (a header your own proxy sets and clients cannot spoof).
 */
@FunctionalInterface
public interface LoginClientKeyResolver {

	/**
	 * The key of the client that sent the request.
	 * @param request the login start
	 * @return the client key; any text, it is hashed before it reaches Redis
	 */
	String resolve(HttpServletRequest request);

	/**
	 * The default: the request's remote address.
	 * @return the resolver
	 */
	static LoginClientKeyResolver remoteAddress() {
		return HttpServletRequest::getRemoteAddr;
	}

}
