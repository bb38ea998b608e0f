package com.example.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.example.pagetest.PagesTestController;
import io.github.authstarter.test.server.FreePorts;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page the starter shows end users, in a real headless Chromium: the sign-in page
 * with five providers (three with brand buttons), each kind of sign-in problem, a refused
 * sign-in, the step-up and consent pages, the sign-out confirmation and the signed-out
 * page. On each: no console error (a blocked stylesheet or a policy violation would log
 * one), the layout's stylesheet applied under the pages' strict
 * {@code Content-Security-Policy}, and no serious or critical violation found by axe-core
 * (from npm, run in the page). German texts with {@code Accept-Language: de}; a sign-in
 * link with script-like text shows none of it. The screenshots it takes, light, dark and
 * at phone width, are the ones in {@code docs/images/pages}.
 */
class StarterPagesIntegrationTests {

	private static final Path SCREENSHOTS = Path.of("..", "docs", "images", "pages");

	private static TestOpenIdProvider provider;

	private static ConfigurableApplicationContext app;

	private static ChromeDriver browser;

	private static String base;

	private static String axe;

	@BeforeAll
	static void start() throws IOException {
		browser = HeadlessChromium.start(800, 640);
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		axe = NpmPackage.AXE_CORE.file("axe.min.js");
		provider = TestOpenIdProvider.create().registrationIds("acme").start();
		provider.addUser("eve", Map.of("name", "Eve Outsider", "email", "eve@outside.example", "email_verified", true));
		provider.apiScope("admin.write", "admin-api");
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--auth.web.pages.app-name=Acme Portal", "--auth.logout.success-path=/auth/logged-out",
				"--sample.api.user-info-uri=" + provider.issuer() + "/userinfo",
				"--auth.providers.acme.display-name=Acme SSO",
				"--auth.providers.acme.allowed-email-domains=example.com",
				"--auth.providers.acme.apis.admin.scopes=admin.write",
				"--auth.providers.acme.apis.admin.base-url=http://127.0.0.1:9/admin",
				"--auth.providers.google.client-id=pages-test", "--auth.providers.google.client-secret=pages-test",
				"--auth.providers.microsoft.client-id=pages-test",
				"--auth.providers.microsoft.client-secret=pages-test",
				"--auth.providers.microsoft.tenant=00000000-0000-0000-0000-000000000001",
				"--auth.providers.github.client-id=pages-test", "--auth.providers.github.client-secret=pages-test",
				// nothing listens there: the provider-down page
				"--auth.providers.partner.issuer-uri=http://127.0.0.1:" + FreePorts.find() + "/partner",
				"--auth.providers.partner.client-id=pages-test", "--auth.providers.partner.client-secret=pages-test",
				"--auth.providers.partner.display-name=Partner SSO"));
		provider.clientProperties("acme").forEach((name, value) -> args.add("--" + name + "=" + value));
		TestRedis.get().properties().forEach((name, value) -> args.add("--" + name + "=" + value));
		app = new SpringApplication(SampleApplication.class, PagesTestController.class)
			.run(args.toArray(String[]::new));
		base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (app != null) {
			app.close();
		}
		if (provider != null) {
			provider.stop();
		}
	}

	@Test
	void everyPageIsAccessibleUnderAStrictPolicyInLightDarkAndOnAPhone() throws IOException {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		language("en");

		visit("/auth/login/%3Cimg%20src=x%20onerror=alert(1)%3E");
		assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("This sign-in link is not valid.");
		assertThat(browser.getPageSource()).doesNotContain("onerror").doesNotContain("alert(");
		check("unknown-link", false);

		visit("/login/oauth2/code/acme?code=forged&state=forged");
		assertThat(browser.findElement(By.id("message")).getText()).contains("expired or was already used");
		check("sign-in-problem", true);

		visit("/auth/login/partner");
		assertThat(browser.findElement(By.id("message")).getText())
			.startsWith("The sign-in provider Partner SSO cannot be reached right now.");
		check("provider-unavailable", false);

		// alice signs in with Acme SSO, which the sign-in page then lists first
		visit("/auth/login");
		browser.findElement(By.id("provider-acme")).click();
		signInAtProvider(wait, "alice");
		visit("/pages/admin-token");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Access not granted yet");
		assertThat(browser.findElement(By.id("grant-consent")).getAttribute("href"))
			.contains("/auth/login/acme?api=admin");
		check("consent", false);

		visit("/pages/step-up");
		assertThat(browser.findElement(By.id("message")).getText())
			.startsWith("This action needs you to sign in again");
		check("step-up-unsupported", false);

		visit("/auth/login");
		assertThat(browser.findElements(By.cssSelector("#providers a")).get(0).getAttribute("id"))
			.isEqualTo("provider-acme");
		assertThat(browser.findElement(By.cssSelector("#provider-acme .last-used")).getText()).isEqualTo("Last used");
		assertThat(browser.findElement(By.id("provider-google")).getAttribute("class")).contains("brand-google");
		assertThat(browser.findElement(By.id("provider-microsoft")).getText()).isEqualTo("Sign in with Microsoft");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in to Acme Portal");
		check("sign-in", true);

		visit("/auth/logout");
		check("sign-out", false);
		browser.findElement(By.id("confirm-sign-out")).click();
		wait.until(ExpectedConditions.urlContains("/auth/logged-out"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You are signed out");
		check("signed-out", false);

		// eve's address is not of an allowed domain
		visit("/auth/login/acme");
		signInAtProvider(wait, "eve");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in-again")));
		assertThat(browser.findElement(By.id("message")).getText())
			.startsWith("Accounts with this email domain cannot sign in here.");
		check("refused", false);
	}

	@Test
	void withAcceptLanguageGermanThePagesAreGerman() throws IOException {
		language("de");
		try {
			visit("/auth/login");
			assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Bei Acme Portal anmelden");
			assertThat(browser.findElement(By.id("provider-google")).getText()).isEqualTo("Mit Google anmelden");
			check("sign-in-de", false);
			visit("/login/oauth2/code/acme?code=forged&state=forged");
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Problem bei der Anmeldung");
			assertThat(browser.findElement(By.id("message")).getText())
				.startsWith("Diese Anmeldung ist abgelaufen oder wurde bereits verwendet.");
			check("sign-in-problem-de", false);
		}
		finally {
			language("en");
		}
	}

	private static void visit(String path) {
		// a fresh console for each page
		browser.manage().logs().get(LogType.BROWSER);
		browser.get(base + path);
	}

	private static void signInAtProvider(WebDriverWait wait, String user) {
		wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
		browser.findElement(By.name("username")).sendKeys(user);
		browser.findElement(By.name("password")).sendKeys(TestOpenIdProvider.PASSWORD);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until((driver) -> driver.getCurrentUrl().startsWith(base + "/"));
	}

	/**
	 * Checks the page the browser shows and saves its screenshots: light and dark, and at
	 * phone width too where {@code phone} is set.
	 */
	private static void check(String name, boolean phone) throws IOException {
		String page = browser.getCurrentUrl();
		List<String> errors = new ArrayList<>();
		for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
			// the page's own 4xx/5xx status is reported too: it is what the page is
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
					&& !entry.getMessage().contains("Failed to load resource: the server responded with a status")) {
				errors.add(entry.getMessage());
			}
		}
		assertThat(errors).as("console errors on %s", page).isEmpty();
		assertThat((String) browser.executeScript("return getComputedStyle(document.body).fontFamily"))
			.as("the stylesheet applies on %s", page)
			.contains("system-ui");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isNotBlank();
		accessible(page);
		screenshot(name + "-light");
		colourScheme("dark");
		accessible(page + " (dark)");
		screenshot(name + "-dark");
		colourScheme("light");
		if (phone) {
			browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", 390, "height", 760, "deviceScaleFactor", 1, "mobile", true));
			screenshot(name + "-phone");
			browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	/** axe-core in the page: no serious or critical violation. */
	private static void accessible(String page) {
		if (!Boolean.TRUE.equals(browser.executeScript("return typeof axe !== 'undefined'"))) {
			browser.executeScript(axe);
		}
		Object violations = browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { resultTypes: ['violations'] })
				  .then((results) => done(results.violations
				    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
				    .map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', '))))
				  .catch((error) => done(['axe failed: ' + error]));
				""");
		assertThat((List<?>) violations).as("serious or critical accessibility violations on %s", page).isEmpty();
	}

	private static void screenshot(String name) throws IOException {
		Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
	}

	private static void colourScheme(String scheme) {
		browser.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
	}

	private static void language(String language) {
		String agent = (String) browser.executeScript("return navigator.userAgent");
		browser.executeCdpCommand("Emulation.setUserAgentOverride",
				Map.of("userAgent", agent, "acceptLanguage", language));
	}

}
