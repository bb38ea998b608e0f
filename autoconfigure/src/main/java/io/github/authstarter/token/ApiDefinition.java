package io.github.authstarter.token;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One API the signed-in user's calls go to with a token of its own.
 *
 * @param provider the provider id
 * @param name the API's name among its provider's {@code apis}
 * @param scopes the scopes its token is requested with
 * @param resource the RFC 8707 {@code resource} indicator, or {@code null}
 * @param audience the {@code audience} parameter, or {@code null}
 * @param grant how its token is obtained
 * @param baseUrl the only place its token is sent to: same scheme, host and port, and a
 * path under this one
 */
public record ApiDefinition(String provider, String name, Set<String> scopes, @Nullable String resource,
		@Nullable String audience, ApiGrant grant, URI baseUrl) {

	/**
	 * Spellings a server, or a proxy in front of it, may resolve to another path than the
	 * one compared here: path parameters (Tomcat drops {@code ;...} from a segment before
	 * it resolves {@code ..}), encoded or back slashes (read as {@code /} by some),
	 * encoded dots, and slashes or dots encoded twice (for a proxy that decodes again).
	 * Spring Security's {@code StrictHttpFirewall} refuses much the same in the requests
	 * an application receives.
	 */
	// an encoded percent (%25) at all: a proxy that decodes twice turns %25%32%65 into
	// %2e
	private static final List<String> AMBIGUOUS = List.of(";", "\\", "%2e", "%2f", "%5c", "%25", "%u");

	/**
	 * The definition; scopes copied.
	 */
	public ApiDefinition {
		scopes = Set.copyOf(scopes);
	}

	/**
	 * The name Spring Security's client sees the API under, as in
	 * {@code @ClientRegistrationId("corp/graph")}.
	 * @return {@code <provider>/<name>}
	 */
	public String registrationId() {
		return this.provider + "/" + this.name;
	}

	/**
	 * Whether a request to this URL may carry the API's token: the base URL's scheme,
	 * host and port, and its path or one below it, so {@code https://api.example.com/v1}
	 * allows {@code /v1/orders} but neither {@code /v1x} nor another host. A path with a
	 * segment starting with {@code ..}, or with a {@code ;}, an encoded slash, backslash
	 * or dot anywhere, is refused: a server may resolve it outside the base path.
	 * @param url the request URL
	 * @return whether the token may go there
	 */
	public boolean allows(URI url) {
		if (!url.isAbsolute() || url.getRawAuthority() == null || url.getRawUserInfo() != null) {
			return false;
		}
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals(this.baseUrl.getScheme().toLowerCase(Locale.ROOT)) || url.getHost() == null
				|| !url.getHost().equalsIgnoreCase(this.baseUrl.getHost())
				|| port(url, scheme) != port(this.baseUrl, scheme)) {
			return false;
		}
		String base = (this.baseUrl.getRawPath() != null) ? this.baseUrl.getRawPath() : "";
		base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		String path = (url.getRawPath() != null) ? url.getRawPath() : "";
		if (ambiguous(path)) {
			return false;
		}
		return path.equals(base) || path.startsWith(base + "/") || (base.isEmpty() && path.isEmpty());
	}

	/**
	 * Whether a server might resolve the path to another one than it reads as: refusing
	 * those is simpler and safer than normalising the way every server would.
	 */
	private static boolean ambiguous(String rawPath) {
		String path = rawPath.toLowerCase(Locale.ROOT);
		for (String spelling : AMBIGUOUS) {
			if (path.contains(spelling)) {
				return true;
			}
		}
		for (String segment : path.split("/")) {
			// "..", and what a server may trim to it ("..." on Windows)
			if (segment.startsWith("..")) {
				return true;
			}
		}
		return false;
	}

	private static int port(URI url, String scheme) {
		if (url.getPort() != -1) {
			return url.getPort();
		}
		return "https".equals(scheme) ? 443 : 80;
	}

	@Override
	public String toString() {
		return "ApiDefinition[" + registrationId() + ", " + this.grant + "]";
	}

}
