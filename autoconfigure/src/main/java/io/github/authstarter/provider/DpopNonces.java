package io.github.authstarter.provider;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The latest DPoP nonce each server gave (RFC 9449 section 8), by origin, so the next
 * proof to it carries it and pays no retry. Only servers the starter calls (configured
 * providers and APIs) answer here, and the map is bounded all the same.
 */
final class DpopNonces {

	private static final int ORIGINS = 256;

	private final Map<String, String> nonces = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > ORIGINS;
		}

	});

	@Nullable String get(String origin) {
		return this.nonces.get(origin);
	}

	void put(String origin, String nonce) {
		this.nonces.put(origin, nonce);
	}

	/**
	 * Scheme, host and port (the scheme's default left out), lower case: {@code htu}'s.
	 */
	static String origin(URI uri) {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = uri.getPort();
		boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
				|| ("http".equals(scheme) && port == 80);
		// a host Java's URI cannot parse (an underscore) leaves only the raw authority
		String host = (uri.getHost() != null) ? uri.getHost()
				: String.valueOf(uri.getRawAuthority()).replaceFirst(":\\d+$", "");
		return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
	}

}
