package io.github.authstarter.flow;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Names the client a login start is counted against for the per-client cap. The default
 * is the remote address (for IPv6 its /64), which behind a proxy is the proxy's unless
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
	 * The default: the request's remote address, an IPv4 address whole and an IPv6
	 * address by its first 64 bits, since one IPv6 client usually holds a whole /64 and
	 * can send from any address in it. An IPv4-mapped IPv6 address counts as the IPv4
	 * address it names, a zone id is ignored, and text that is no address is the key as
	 * it is.
	 * @return the resolver
	 */
	static LoginClientKeyResolver remoteAddress() {
		return (request) -> ClientNetwork.of(request.getRemoteAddr());
	}

}
