package io.github.authstarter.access;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Email domains in the one form they are compared in: IDNA ASCII (punycode), lower case;
 * a domain that the conversion would change into another one is not a domain here.
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
		String unicode = Normalizer.normalize(domain, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
		try {
			// USE_STD3_ASCII_RULES: only characters a host name may have
			String ascii = IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
			// the JDK's IDNA2003 maps some characters to others (ß to ss, full-width
			// letters, a soft hyphen or joiner to nothing, an ideographic full stop to a
			// dot), which today's rules keep apart: a domain it changed is another one
			boolean unchanged = ascii.equals(unicode) || IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES).equals(unicode);
			boolean wellFormed = !ascii.isEmpty() && !ascii.startsWith(".") && !ascii.endsWith(".")
					&& !ascii.contains("..");
			return (unchanged && wellFormed) ? ascii : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
