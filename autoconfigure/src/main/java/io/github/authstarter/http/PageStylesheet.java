package io.github.authstarter.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The stylesheet of the starter's pages: the bundled one, with the application's accent
 * colour when it has one. Its name carries a hash of its content, so it can be cached for
 * ever and a new colour is a new name.
 */
public final class PageStylesheet {

	private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}");

	/** The dark card's background in the bundled stylesheet. */
	private static final String DARK_CARD = "#161b22";

	/** WCAG 2.2 AA for normal text. */
	private static final double TEXT_CONTRAST = 4.5;

	private static final byte[] BUNDLED = read();

	/** The bundled stylesheet, without an accent of the application's. */
	public static final PageStylesheet DEFAULT = new PageStylesheet(null);

	private final byte[] content;

	private final String name;

	/**
	 * Creates the stylesheet.
	 * @param accent the accent colour ({@code #rrggbb} or {@code #rgb}), or {@code null}
	 * for the bundled one
	 * @throws IllegalArgumentException when the colour is not one of these forms
	 */
	public PageStylesheet(@Nullable String accent) {
		String css = new String(BUNDLED, StandardCharsets.UTF_8);
		if (accent != null && !accent.isBlank()) {
			css += accent(accent.strip());
		}
		this.content = css.getBytes(StandardCharsets.UTF_8);
		this.name = "auth-" + sha256(this.content).substring(0, 16) + ".css";
	}

	/**
	 * The stylesheet's file name, with a hash of its content.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The stylesheet's content.
	 * @return a copy of its bytes
	 */
	public byte[] content() {
		return this.content.clone();
	}

	/**
	 * The rules that apply the accent: buttons take it in both schemes with the text
	 * colour that reads best on it; links take it only where it keeps WCAG AA contrast on
	 * the card (else they keep the text colour, underlined), so no accent can make a page
	 * unreadable.
	 */
	private static String accent(String colour) {
		if (!COLOUR.matcher(colour).matches()) {
			throw new IllegalArgumentException("must be a colour written #rrggbb or #rgb");
		}
		String hex = expand(colour);
		double luminance = luminance(hex);
		String onAccent = (contrast(luminance, 1.0) >= contrast(luminance, 0.0)) ? "#ffffff" : "#000000";
		String lightLink = (contrast(luminance, 1.0) >= TEXT_CONTRAST) ? hex : "var(--auth-text)";
		String darkLink = (contrast(luminance, luminance(DARK_CARD)) >= TEXT_CONTRAST) ? hex : "var(--auth-text)";
		return """

				/* the application's accent: auth.web.pages.accent-color */
				:root {
					--auth-accent: %1$s;
					--auth-accent-text: %2$s;
					--auth-link: %3$s;
				}

				@media (prefers-color-scheme: dark) {
					:root {
						--auth-accent: %1$s;
						--auth-accent-text: %2$s;
						--auth-link: %4$s;
					}
				}
				""".formatted(hex, onAccent, lightLink, darkLink);
	}

	private static String expand(String colour) {
		String digits = colour.substring(1).toLowerCase(Locale.ROOT);
		if (digits.length() == 3) {
			digits = "" + digits.charAt(0) + digits.charAt(0) + digits.charAt(1) + digits.charAt(1) + digits.charAt(2)
					+ digits.charAt(2);
		}
		return "#" + digits;
	}

	/** WCAG 2.2 relative luminance. */
	static double luminance(String hex) {
		double luminance = 0;
		double[] weights = { 0.2126, 0.7152, 0.0722 };
		for (int i = 0; i < 3; i++) {
			double channel = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
			channel = (channel <= 0.04045) ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
			luminance += weights[i] * channel;
		}
		return luminance;
	}

	/** WCAG 2.2 contrast ratio of two luminances. */
	static double contrast(double first, double second) {
		return (Math.max(first, second) + 0.05) / (Math.min(first, second) + 0.05);
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] read() {
		try (InputStream in = PageStylesheet.class.getResourceAsStream("auth-pages.css")) {
			if (in == null) {
				throw new IllegalStateException("auth-pages.css is missing from the starter's jar");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
