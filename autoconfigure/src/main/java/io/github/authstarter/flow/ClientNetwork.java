package io.github.authstarter.flow;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * The network a client address counts for at the login-start cap: an IPv4 address itself,
 * an IPv6 address its /64. An ISP hands each IPv6 customer at least a /64, so a single
 * client can send every request from a fresh address; keyed by the full address it would
 * never meet its cap.
 */
final class ClientNetwork {

	private ClientNetwork() {
	}

	/**
	 * The key of a remote address.
	 * @param address the remote address as the container reports it
	 * @return {@code a:b:c:d::/64} for an IPv6 address, the IPv4 address for an IPv4 or
	 * IPv4-mapped one, and the text itself when it is no address
	 */
	static String of(@Nullable String address) {
		if (address == null) {
			return "";
		}
		if (address.indexOf(':') < 0) {
			return address;
		}
		String literal = address;
		if (literal.startsWith("[") && literal.endsWith("]")) {
			literal = literal.substring(1, literal.length() - 1);
		}
		int zone = literal.indexOf('%');
		if (zone >= 0) {
			// a zone names an interface of this host, not part of the client's address;
			// left on, the JDK would look that interface up
			literal = literal.substring(0, zone);
		}
		if (!isIpv6Literal(literal)) {
			return address;
		}
		try {
			InetAddress parsed = InetAddress.getByName(literal);
			byte[] bytes = parsed.getAddress();
			if (bytes.length == 4) {
				// the JDK turns ::ffff:a.b.c.d into the IPv4 address; all of those share
				// one /64, which would put every IPv4 client of a dual-stack socket in
				// one bucket
				return parsed.getHostAddress();
			}
			StringBuilder network = new StringBuilder();
			for (int i = 0; i < 8; i += 2) {
				network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
			}
			return network.append(":/64").toString();
		}
		catch (UnknownHostException | IllegalArgumentException ex) {
			return address;
		}
	}

	/**
	 * Whether the JDK parses the text as an IPv6 literal and never as a host name: it
	 * starts with a hex digit or a colon and holds nothing but hex digits, colons and
	 * dots, so no request can make this a DNS lookup.
	 */
	private static boolean isIpv6Literal(String text) {
		if (text.isEmpty() || (!isHexDigit(text.charAt(0)) && text.charAt(0) != ':')) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!isHexDigit(c) && c != ':' && c != '.') {
				return false;
			}
		}
		return text.indexOf(':') >= 0;
	}

	private static boolean isHexDigit(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
