package io.github.authstarter.test;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.util.ClassUtils;

/**
 * A real OpenID Provider (Spring Authorization Server, in this JVM) and a real Redis for
 * an application's integration tests, and real logins against them: a JUnit 5 extension
 * that starts the provider before the test class and stops it after.
 *
 * <pre class="code">
 * &#64;SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * class SignInTests {
 *
 *     &#64;RegisterExtension
 *     static AuthTestProvider provider = AuthTestProvider.registeredAs("corp")
 *         .user("alice", Map.of("name", "Alice", "email", "alice@example.com"));
 *
 *     &#64;DynamicPropertySource
 *     static void authProperties(DynamicPropertyRegistry registry) {
 *         provider.registerProperties(registry);
 *     }
 *
 *     &#64;Test
 *     void showsTheSignedInUser() {
 *         Browser alice = provider.loginAs("alice");
 *         assertThat(alice.getJson("/api/me").body()).contains("Alice");
 *     }
 * }
 * </pre>
 *
 * Users {@code alice} and {@code bob} exist unless replaced; every password is
 * {@value TestOpenIdProvider#PASSWORD}. Redis is a Testcontainers container when a Docker
 * engine answers (and Testcontainers is on the class path), else a local
 * {@code redis-server}, else an embedded one: nothing to install. It needs
 * {@code auth-spring-boot-test-servers} beside this artifact (a test dependency); slice
 * tests with {@link WithCurrentUser} do not.
 */
public final class AuthTestProvider implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

	private static final String TEST_SERVERS = "io.github.authstarter.test.server.TestOpenIdProvider";

	private final String registrationId;

	private final TestOpenIdProvider provider;

	private volatile @Nullable ApplicationContext application;

	private AuthTestProvider(String registrationId) {
		this.registrationId = registrationId;
		this.provider = TestOpenIdProvider.create().registrationIds(registrationId);
	}

	/**
	 * A provider that the application under test knows as
	 * {@code auth.providers.<registrationId>}.
	 * @param registrationId the provider id in the application
	 * @return the extension
	 */
	public static AuthTestProvider registeredAs(String registrationId) {
		if (!ClassUtils.isPresent(TEST_SERVERS, AuthTestProvider.class.getClassLoader())) {
			throw new IllegalStateException("AuthTestProvider needs the test servers: add "
					+ "io.github.authstarter:auth-spring-boot-test-servers as a test dependency");
		}
		return new AuthTestProvider(registrationId);
	}

	/**
	 * Adds or replaces a user; its claims go into its id tokens and user info. An
	 * {@code email} counts as verified ({@code email_verified: true}, as most providers
	 * say of the addresses they hand out, and as the starter's default
	 * {@code require-verified-email} needs) unless the claims say {@code email_verified}
	 * themselves.
	 * @param username the username, also the subject
	 * @param claims the claims, such as {@code name} and {@code email}
	 * @return this extension
	 */
	public AuthTestProvider user(String username, Map<String, Object> claims) {
		Map<String, Object> user = new LinkedHashMap<>(claims);
		if (user.containsKey("email")) {
			user.putIfAbsent("email_verified", true);
		}
		this.provider.addUser(username, user);
		return this;
	}

	/**
	 * Changes a user's claim; tokens issued from now on carry it (after a refresh, say).
	 * @param username the user
	 * @param name the claim
	 * @param value the value
	 */
	public void setClaim(String username, String name, Object value) {
		this.provider.setClaim(username, name, value);
	}

	/**
	 * Registers the application's properties: {@code auth.providers.<id>.*} for this
	 * provider, {@code spring.data.redis.url} for the test Redis, and no cap on login
	 * starts (every test login comes from one address).
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public void registerProperties(DynamicPropertyRegistry registry) {
		this.provider.clientProperties(this.registrationId).forEach((name, value) -> registry.add(name, () -> value));
		registry.add("spring.data.redis.url", () -> TestRedis.get().url());
		registry.add("auth.flow.max-starts-per-client-per-minute", () -> "100000");
	}

	/**
	 * Signs a user in through the real login flow of the application under test (the
	 * {@code @SpringBootTest} web server of the current test, at {@code 127.0.0.1}).
	 * @param username the user
	 * @return a browser holding the signed-in session
	 */
	public Browser loginAs(String username) {
		return browser().loginAs(loginPath() + "/" + this.registrationId, username);
	}

	/**
	 * A browser without a session for the application under test.
	 * @return the browser
	 */
	public Browser browser() {
		ApplicationContext context = this.application;
		if (context == null) {
			throw new IllegalStateException("No application under test: use AuthTestProvider with "
					+ "@SpringBootTest(webEnvironment = RANDOM_PORT or DEFINED_PORT), or browser(baseUrl)");
		}
		Environment environment = context.getEnvironment();
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			throw new IllegalStateException("The application under test has no web server: use "
					+ "@SpringBootTest(webEnvironment = RANDOM_PORT or DEFINED_PORT)");
		}
		return browser("http://127.0.0.1:" + port + environment.getProperty("server.servlet.context-path", ""));
	}

	private String loginPath() {
		ApplicationContext context = this.application;
		return (context != null) ? context.getEnvironment().getProperty("auth.login.path", "/auth/login")
				: "/auth/login";
	}

	/**
	 * A browser without a session for an application at the given origin, such as a
	 * second instance.
	 * @param baseUrl the application's base URL, on {@code 127.0.0.1}
	 * @return the browser
	 */
	public Browser browser(String baseUrl) {
		return new Browser(baseUrl);
	}

	/**
	 * The provider itself: its issuer, its refresh-grant counter, stopping and starting
	 * it to test outages.
	 * @return the provider
	 */
	public TestOpenIdProvider openIdProvider() {
		return this.provider;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.provider.start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.application = SpringExtension.getApplicationContext(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.application = null;
		this.provider.stop();
	}

}
