package com.example.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A headless Chromium for the browser tests: Chromium and chromedriver come from the
 * Debian packages {@code .ci/run} installs; they are required when {@code CI=true}, and
 * the tests are skipped, saying so loudly, elsewhere.
 */
final class HeadlessChromium {

	private HeadlessChromium() {
	}

	/**
	 * Starts a browser, or skips the test class when there is none outside CI.
	 * @param width the window's width
	 * @param height the window's height
	 * @return the browser
	 * @throws IOException when its profile directory cannot be made
	 */
	static ChromeDriver start(int width, int height) throws IOException {
		String chromium = executable("chromium");
		String driver = executable("chromedriver");
		boolean ci = "true".equals(System.getenv("CI"));
		if (ci && (chromium == null || driver == null)) {
			throw new IllegalStateException(
					"CI=true but chromium or chromedriver is missing from PATH; .ci/run installs"
							+ " the Debian packages chromium and chromium-driver");
		}
		if (chromium == null || driver == null) {
			// loud: a skipped browser test must not pass for a green one unnoticed
			System.out.println("""

					*** BROWSER TESTS SKIPPED: chromium or chromedriver is not on PATH. ***
					*** Install the Debian packages chromium and chromium-driver (.ci/run does). ***
					""");
		}
		assumeTrue(chromium != null && driver != null,
				"Skipping the Chromium tests: install the Debian packages chromium and chromium-driver to run them");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=" + width + "," + height,
				"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
				"--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath());
		// the page's console, for errors such as a Content-Security-Policy violation
		options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	private static @Nullable String executable(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			File candidate = new File(directory, name);
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		return null;
	}

}
