package com.example.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.github.authstarter.test.server.FreePorts;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample in a real headless Chromium ({@link HeadlessChromium}), on two instances:
 * one in demo mode, one configured only by standard properties against the same Redis and
 * provider.
 */
class ChromiumIntegrationTests {

	private static ConfigurableApplicationContext demo;

	private static ConfigurableApplicationContext second;

	private static WebDriver browser;

	private static String first;

	private static String other;

	private static String redis;

	@BeforeAll
	static void start() throws Exception {
		browser = HeadlessChromium.start(1000, 900);
		demo = TestSampleApplication.demo()
			.run("--server.port=0", "--server.address=127.0.0.1", "--demo.apis-port=" + FreePorts.find())
			.getApplicationContext();
		// the other instance is the production app, configured by standard properties to
		// use the provider and Redis the dev services started for the first
		Environment dev = demo.getEnvironment();
		String issuer = dev.getRequiredProperty("auth.providers.demo.issuer-uri");
		redis = dev.getRequiredProperty("spring.data.redis.url");
		second = SpringApplication.run(SampleApplication.class, "--server.port=0", "--server.address=127.0.0.1",
				"--spring.data.redis.url=" + redis, "--auth.providers.demo.issuer-uri=" + issuer,
				"--auth.providers.demo.client-id=" + dev.getRequiredProperty("auth.providers.demo.client-id"),
				"--auth.providers.demo.client-secret=" + dev.getRequiredProperty("auth.providers.demo.client-secret"),
				"--auth.providers.demo.display-name=" + dev.getRequiredProperty("auth.providers.demo.display-name"),
				"--sample.api.user-info-uri=" + issuer + "/userinfo");
		first = "http://127.0.0.1:" + demo.getEnvironment().getProperty("local.server.port");
		other = "http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port");

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
		browser.findElement(By.partialLinkText("Sign in with Demo provider")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
		browser.findElement(By.name("username")).sendKeys("alice");
		browser.findElement(By.name("password")).sendKeys(TestOpenIdProvider.PASSWORD);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card")));
		assertThat(browser.findElement(By.id("name")).getText()).isEqualTo("Alice Demo");

		browser.get(other + "/");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card")));
		// the server renders "...:03Z", the page script "...:03.000Z": compare instants
		Instant expiresBefore = Instant.parse(browser.findElement(By.id("expires")).getText());
		TestOpenIdProvider provider = demo.getBean(TestOpenIdProvider.class);
		int grants = provider.refreshGrants();
		Thread.sleep(1100);
		browser.findElement(By.id("refresh")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "\"authenticated\""));
		assertThat(Instant.parse(browser.findElement(By.id("expires")).getText())).isAfter(expiresBefore);
		assertThat(provider.refreshGrants() - grants).as("refresh grants at the provider").isEqualTo(1);
		browser.findElement(By.id("call-api")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "\"sub\":\"alice\""));
		Path screenshot = Path.of("target", "signed-in.png");
		Files.createDirectories(screenshot.getParent());
		Files.write(screenshot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

		String session = browser.manage().getCookieNamed("SESSION").getValue();
		browser.findElement(By.id("sign-out")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
		for (String instance : new String[] { first, other }) {
			HttpResponse<String> user = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(instance + "/auth/user"))
					.header("Cookie", "SESSION=" + session)
					.header("Accept", "application/json")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(user.statusCode()).as("signed out on " + instance).isEqualTo(401);
		}
		RedisClient redisClient = RedisClient.create(redis);
		try (var connection = redisClient.connect()) {
			String id = new String(Base64.getDecoder().decode(session), StandardCharsets.UTF_8);
			assertThat(connection.sync().exists("spring:session:sessions:" + id)).as("session gone from Redis")
				.isZero();
		}
		finally {
			redisClient.shutdown();
		}
		browser.get(first + "/");
		assertThat(browser.findElements(By.id("card"))).isEmpty();
		assertThat(browser.findElement(By.id("sign-in")).getText()).contains("Sign in with Demo provider");
		// the provider session ended too: signing in again asks for the password
		browser.findElement(By.partialLinkText("Sign in with Demo provider")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
	}

	@Test
	void theSinglePageAppSignsInCallsTheApiRefreshesAndSignsOutAcrossInstances() throws Exception {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		browser.manage().deleteAllCookies();
		browser.get(first + "/spa.html");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("spa-sign-in")));
		browser.findElement(By.id("spa-sign-in")).click();
		// the provider may still know the browser from another test
		wait.until((driver) -> !driver.findElements(By.name("username")).isEmpty()
				|| driver.getCurrentUrl().endsWith("/spa.html"));
		if (!browser.findElements(By.name("username")).isEmpty()) {
			browser.findElement(By.name("username")).sendKeys("alice");
			browser.findElement(By.name("password")).sendKeys(TestOpenIdProvider.PASSWORD);
			browser.findElement(By.cssSelector("button[type=submit]")).click();
		}
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("spa-name")));
		assertThat(browser.getCurrentUrl()).isEqualTo(first + "/spa.html");
		assertThat(browser.findElement(By.id("spa-name")).getText()).isEqualTo("Alice Demo");
		// the other instance, with the same session cookie
		browser.get(other + "/spa.html");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("spa-name"), "Alice Demo"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("spa-sessions"), "(this one)"));
		browser.findElement(By.id("spa-call-api")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("spa-output"), "\"subject\": \"alice\""));
		// two APIs side by side, each with its own token (the demo instance has them)
		browser.get(first + "/spa.html");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("spa-call-apis")));
		browser.findElement(By.id("spa-call-apis")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("spa-api-orders"), "orders-api"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("spa-api-reports"), "reports-api"));
		assertThat(browser.findElement(By.id("spa-api-orders")).getText()).contains("Standing desk")
			.doesNotContain("reports-api");
		TestOpenIdProvider provider = demo.getBean(TestOpenIdProvider.class);
		int grants = provider.refreshGrants();
		browser.findElement(By.id("spa-refresh")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("spa-output"), "\"authenticated\""));
		assertThat(provider.refreshGrants() - grants).as("refresh grants at the provider").isEqualTo(1);
		Path screenshot = Path.of("target", "spa.png");
		Files.createDirectories(screenshot.getParent());
		Files.write(screenshot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
		browser.findElement(By.id("spa-sign-out")).click();
		wait.until((driver) -> !driver.getCurrentUrl().endsWith("/spa.html"));
		browser.get(first + "/spa.html");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("spa-sign-in")));
		assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).isFalse();
	}

	@Test
	void badCallbackShowsAFriendlyPage() {
		browser.get(first + "/login/oauth2/code/demo?code=forged&state=forged");
		assertThat(browser.findElement(By.id("message")).getText()).contains("expired or was already used");
	}

}
