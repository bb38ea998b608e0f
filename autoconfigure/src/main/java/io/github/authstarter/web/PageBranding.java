package io.github.authstarter.web;

import org.jspecify.annotations.Nullable;

/**
 * What the starter's pages say about the application: its name and logo, on the sign-in
 * page.
 *
 * @param appName the application's name, or {@code null}
 * @param logo a path of this application or an https URL, or {@code null}
 */
public record PageBranding(@Nullable String appName, @Nullable String logo) {

	/** No name, no logo. */
	public static final PageBranding NONE = new PageBranding(null, null);

	/**
	 * Checked at startup, not when a page is served.
	 * @throws IllegalArgumentException when the logo is not a path or an https URL
	 */
	public PageBranding {
		appName = (appName != null && !appName.isBlank()) ? appName.strip() : null;
		logo = (logo != null && !logo.isBlank()) ? image(logo) : null;
	}

	/**
	 * Checks an image location for a page: a path of this application or an https URL,
	 * never a script or another scheme, nothing an attribute could break out of, and no
	 * backslash (which browsers read as a slash, making a path another host).
	 * @param location the location
	 * @return the location, stripped
	 * @throws IllegalArgumentException when it is neither
	 */
	public static String image(String location) {
		String value = location.strip();
		boolean path = value.startsWith("/") && !value.startsWith("//");
		if (!(path || value.startsWith("https://"))
				|| value.chars().anyMatch((c) -> c <= ' ' || c >= 0x7f || c == '"' || c == '\\')) {
			throw new IllegalArgumentException("must be a path of this application (/img/logo.svg) or an https URL");
		}
		return value;
	}

}
