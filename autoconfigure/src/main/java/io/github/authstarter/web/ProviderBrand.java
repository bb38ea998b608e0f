package io.github.authstarter.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderPreset;
import org.jspecify.annotations.Nullable;

/**
 * The providers whose sign-in buttons follow the provider's published brand guidelines:
 * their own colours (in the stylesheet, by the button's class) and their logo, bundled as
 * SVG and written into the page, so the page loads nothing from the provider.
 */
enum ProviderBrand {

	GOOGLE, MICROSOFT, APPLE, GITHUB, GITLAB;

	private final String logo = read(name().toLowerCase(Locale.ROOT));

	/**
	 * The brand of a provider: its preset's, unless the application gave it a logo of its
	 * own.
	 * @param provider the provider
	 * @return the brand, or {@code null} for a neutral button
	 */
	static @Nullable ProviderBrand of(ProviderDefinition provider) {
		ProviderPreset preset = provider.preset();
		if (preset == null || provider.logo() != null) {
			return null;
		}
		for (ProviderBrand brand : values()) {
			if (brand.name().equals(preset.name())) {
				return brand;
			}
		}
		return null;
	}

	/**
	 * The button's class in the stylesheet.
	 * @return such as {@code brand-google}
	 */
	String cssClass() {
		return "brand-" + name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The logo, as SVG markup the starter ships.
	 * @return the markup
	 */
	String logo() {
		return this.logo;
	}

	private static String read(String name) {
		try (InputStream in = ProviderBrand.class
			.getResourceAsStream("/io/github/authstarter/http/logos/" + name + ".svg")) {
			if (in == null) {
				throw new IllegalStateException(name + ".svg is missing from the starter's jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
