package com.example.sample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.example.sample.demo.DemoMode;
import io.github.authstarter.test.server.FreePorts;
import io.github.authstarter.test.server.TestOpenIdProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample in a real headless Chromium, on two instances: one in demo mode, one
 * configured only by standard properties against the same Redis and provider. Chromium
 * and chromedriver come from the Debian packages {@code .ci/run} installs; they are
 * required when {@code CI=true} and the tests are skipped, saying so, elsewhere.
 */
class ChromiumIntegrationTests {

	private static ConfigurableApplicationContext demo;

	private static ConfigurableApplicationContext second;

	private static WebDriver browser;

	private static String first;

	private static String other;

	@BeforeAll
	static void start() throws Exception {
		String chromium = executable("chromium");
		String driver = executable("chromedriver");
		boolean ci = "true".equals(System.getenv("CI"));
		if (ci && (chromium == null || driver == null)) {
			throw new IllegalStateException(
					"CI=true but chromium or chromedriver is missing from PATH; .ci/run installs"
							+ " the Debian packages chromium and chromium-driver");
		}
		assumeTrue(chromium != null && driver != null,
				"Skipping the Chromium tests: install the Debian packages chromium and chromium-driver to run them");
		int issuerPort = FreePorts.find();
		String redis = "redis://127.0.0.1:" + FreePorts.find();
		demo = SampleApplication.application()
			.run("--server.port=0", "--server.address=127.0.0.1", "--sample.demo.issuer-port=" + issuerPort,
					"--spring.data.redis.url=" + redis);
		second = SampleApplication.application()
			.run("--server.port=0", "--server.address=127.0.0.1", "--sample.demo.enabled=false",
					"--spring.data.redis.url=" + redis,
					"--auth.providers.demo.issuer-uri=http://localhost:" + issuerPort,
					"--auth.providers.demo.client-id=" + DemoMode.CLIENT_ID,
					"--auth.providers.demo.client-secret=" + DemoMode.CLIENT_SECRET,
					"--auth.providers.demo.display-name=Demo provider", "--sample.demo.issuer-port=" + issuerPort);
		first = "http://127.0.0.1:" + demo.getEnvironment().getProperty("local.server.port");
		other = "http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1000,900",
				"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
				"--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (second != null) {
			second.close();
		}
		if (demo != null) {
			demo.close();
		}
	}

	@Test
	void signInOnOneInstanceRefreshOnTheOtherAndSignOutEverywhere() throws Exception {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		browser.get(first + "/");
		browser.findElement(By.linkText("Sign in with Demo provider")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
		browser.findElement(By.name("username")).sendKeys("alice");
		browser.findElement(By.name("password")).sendKeys(TestOpenIdProvider.PASSWORD);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card")));
		assertThat(browser.findElement(By.id("name")).getText()).isEqualTo("Alice Demo");

		browser.get(other + "/");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card")));
		String expiresBefore = browser.findElement(By.id("expires")).getText();
		Thread.sleep(1100);
		browser.findElement(By.id("refresh")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "\"authenticated\""));
		assertThat(browser.findElement(By.id("expires")).getText()).isNotEqualTo(expiresBefore);
		browser.findElement(By.id("call-api")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "\"sub\":\"alice\""));
		Path screenshot = Path.of("target", "signed-in.png");
		Files.createDirectories(screenshot.getParent());
		Files.write(screenshot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

		browser.findElement(By.id("sign-out")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
		browser.get(first + "/");
		assertThat(browser.findElements(By.id("card"))).isEmpty();
		assertThat(browser.findElement(By.id("sign-in")).getText()).contains("Sign in with Demo provider");
	}

	@Test
	void badCallbackShowsAFriendlyPage() {
		browser.get(first + "/login/oauth2/code/demo?code=forged&state=forged");
		assertThat(browser.findElement(By.id("message")).getText()).contains("expired or was already used");
	}

	private static String executable(String name) {
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
