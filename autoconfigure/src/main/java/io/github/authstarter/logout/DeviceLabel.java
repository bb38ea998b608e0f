package io.github.authstarter.logout;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A coarse, human label for a browser from its {@code User-Agent}, such as "Firefox on
 * Windows": enough to tell one's own devices apart, never a fingerprint (no versions).
 */
final class DeviceLabel {

	private DeviceLabel() {
	}

	static @Nullable String of(@Nullable String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return null;
		}
		String agent = userAgent.toLowerCase(Locale.ROOT);
		String browser = browser(agent);
		String system = system(agent);
		if (browser == null && system == null) {
			return "Other";
		}
		if (browser == null) {
			return system;
		}
		return (system != null) ? browser + " on " + system : browser;
	}

	private static @Nullable String browser(String agent) {
		// order matters: Edge and Opera say Chrome, Chrome says Safari
		if (agent.contains("edg/") || agent.contains("edge/")) {
			return "Edge";
		}
		if (agent.contains("opr/") || agent.contains("opera")) {
			return "Opera";
		}
		if (agent.contains("firefox/") || agent.contains("fxios/")) {
			return "Firefox";
		}
		if (agent.contains("chrome/") || agent.contains("crios/") || agent.contains("chromium/")) {
			return "Chrome";
		}
		if (agent.contains("safari/")) {
			return "Safari";
		}
		if (agent.startsWith("curl/") || agent.startsWith("java-http-client") || agent.contains("okhttp")
				|| agent.startsWith("python") || agent.startsWith("wget")) {
			return "A program";
		}
		return null;
	}

	private static @Nullable String system(String agent) {
		if (agent.contains("iphone") || agent.contains("ipad")) {
			return "iOS";
		}
		if (agent.contains("android")) {
			return "Android";
		}
		if (agent.contains("windows")) {
			return "Windows";
		}
		if (agent.contains("mac os x") || agent.contains("macintosh")) {
			return "macOS";
		}
		if (agent.contains("cros")) {
			return "ChromeOS";
		}
		if (agent.contains("linux")) {
			return "Linux";
		}
		return null;
	}

}
