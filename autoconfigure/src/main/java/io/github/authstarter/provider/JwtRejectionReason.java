package io.github.authstarter.provider;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.RemoteKeySourceException;

/**
 * What exactly was wrong with a refused token, for a log line: the names of the claims
 * that failed, or the kind of signature problem. Spring Security's messages carry claim
 * values, which are the provider's (or an attacker's) text; only claim names and fixed
 * words come out of here.
 */
public final class JwtRejectionReason {

	private static final Pattern CLAIM = Pattern.compile("[{ ,]([a-z_]{2,20})=");

	/** Spring Security's claim validators: "The iss claim is not valid". */
	private static final Pattern NAMED_CLAIM = Pattern.compile("The ([a-z_]{2,20}) claim");

	private JwtRejectionReason() {
	}

	/**
	 * Describes why a token was refused.
	 * @param exception what the decoder or validator threw
	 * @return a short reason without token or claim values
	 */
	public static String of(Throwable exception) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = exception; cause != null && text.length() < 4096; cause = cause.getCause()) {
			if (cause instanceof RemoteKeySourceException) {
				return "keys unavailable";
			}
			text.append(cause.getMessage()).append(' ');
		}
		String message = text.toString();
		if (message.contains("(RFC 9207)")) {
			return "response iss";
		}
		Set<String> claims = new LinkedHashSet<>();
		Matcher matcher = CLAIM.matcher(message);
		while (matcher.find()) {
			claims.add(matcher.group(1));
		}
		Matcher named = NAMED_CLAIM.matcher(message);
		while (named.find()) {
			claims.add(named.group(1));
		}
		if (!claims.isEmpty()) {
			return "claims " + String.join(",", claims);
		}
		if (message.contains("expired")) {
			return "claims exp";
		}
		if (message.contains("Invalid signature")) {
			return "bad signature";
		}
		if (message.contains("none") || message.contains("unsigned")) {
			return "unsigned token";
		}
		if (message.contains("algorithm") || message.contains("no matching key")) {
			return "algorithm or key not accepted";
		}
		if (message.contains("Malformed") || message.contains("parse") || message.contains("Invalid JWT")) {
			return "malformed token";
		}
		return "rejected";
	}

}
