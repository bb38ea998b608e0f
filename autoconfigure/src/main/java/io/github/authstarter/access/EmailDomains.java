package io.github.authstarter.access;

import java.net.IDN;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Email domains in the one form they are compared in: IDNA ASCII (punycode), lower case.
 */
final class EmailDomains {

	private EmailDomains() {
	}

	/**
	 * A configured domain in ASCII form.
	 * @param domain the domain as configured
	 * @return its ASCII form
	 * @throws IllegalArgumentException when it is not a domain name
	 */
	static String ascii(String domain) {
		String ascii = asciiOrNull(domain);
		if (ascii == null) {
			throw new IllegalArgumentException("'" + domain + "' is not a domain name");
		}
		return ascii;
	}

	/**
	 * A domain from a claim in ASCII form.
	 * @param domain the domain part of an address
	 * @return its ASCII form, or {@code null} when it is not a domain name
	 */
	static @Nullable String asciiOrNull(String domain) {
		if (domain.isEmpty()) {
			return null;
		}
		try {
			// no ALLOW_UNASSIGNED, USE_STD3_ASCII_RULES: only characters a host name may
			// have
			String ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
			return (ascii.isEmpty() || ascii.startsWith(".") || ascii.endsWith(".") || ascii.contains("..")) ? null
					: ascii;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
