package com.example.sample;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sample as processed ahead of time by the build ({@code spring-boot:process-aot}),
 * run in AOT mode ({@code spring.aot.enabled=true}, as a native image runs it) on two
 * instances against a real OpenID Provider and Redis: sign-in started on one and
 * completed on the other, the API calls, a refresh and a logout. Its provider is set when
 * it starts, not when it was built, and a provider the build never saw signs in too.
 */
class SampleAotIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create().registrationIds("demo", "corp");

	private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private static final List<String> urls = new ArrayList<>();

	private static final Map<String, Object> properties = new HashMap<>();

	@BeforeAll
	static void start() {
		// before AOT mode: the provider is an application of the test's, never processed
		provider.start();
		properties.putAll(provider.appProperties());
		properties.keySet().removeIf((key) -> key.startsWith("auth.providers.test."));
		properties.putAll(provider.clientProperties("demo"));
		properties.put("sample.api.user-info-uri", provider.issuer() + "/userinfo");
		properties.put("server.port", "0");
		properties.put("server.address", "127.0.0.1");
		for (int i = 0; i < 2; i++) {
			ConfigurableApplicationContext context = startAheadOfTime(properties);
			instances.add(context);
			urls.add("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
		}
	}

	/**
	 * The sample in AOT mode, as {@code -Dspring.aot.enabled=true} starts it; set only
	 * while it starts, since the test's provider is not processed ahead of time.
	 */
	private static ConfigurableApplicationContext startAheadOfTime(Map<String, Object> properties) {
		// the build processed the sample with one provider; this one it never saw comes
		// from environment variables, as a container's would
		Map<String, Object> variables = new HashMap<>(System.getenv());
		variables.put("AUTH_PROVIDERS_CORP_ISSUERURI", provider.issuer());
		variables.put("AUTH_PROVIDERS_CORP_CLIENTID", provider.clientId());
		variables.put("AUTH_PROVIDERS_CORP_CLIENTSECRET", provider.clientSecret());
		variables.put("AUTH_PROVIDERS_CORP_DISPLAYNAME", "Corp from the environment");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		System.setProperty(AotDetector.AOT_ENABLED, "true");
		try {
			return new SpringApplicationBuilder(SampleApplication.class).main(SampleApplication.class)
				.environment(environment)
				.properties(properties)
				.run();
		}
		finally {
			System.clearProperty(AotDetector.AOT_ENABLED);
		}
	}

	@AfterAll
	static void stop() {
		instances.forEach(ConfigurableApplicationContext::close);
		provider.stop();
	}

	@Test
	void runsFromTheBeanDefinitionsGeneratedAheadOfTime() {
		// generated definitions create their beans through code written at build time
		RootBeanDefinition security = (RootBeanDefinition) instances.get(0)
			.getBeanFactory()
			.getMergedBeanDefinition("sampleSecurity");
		assertThat(security.getInstanceSupplier()).as("an instance supplier generated ahead of time").isNotNull();
	}

	@Test
	void theStartersHintsAreInTheNativeImagesMetadata() throws Exception {
		ClassPathResource metadata = new ClassPathResource(
				"META-INF/native-image/io.github.authstarter/auth-sample-app/reachability-metadata.json");
		Map<String, Object> json = JSONObjectUtils.parse(metadata.getContentAsString(StandardCharsets.UTF_8));
		List<String> hinted = new ArrayList<>();
		for (String section : new String[] { "resources", "reflection" }) {
			for (Object entry : (List<?>) json.get(section)) {
				Map<?, ?> hint = (Map<?, ?>) entry;
				hinted.add(String.valueOf(hint.containsKey("type") ? hint.get("type")
						: hint.containsKey("glob") ? hint.get("glob") : hint.get("bundle")));
			}
		}
		assertThat(hinted).contains("io/github/authstarter/http/auth-pages.css",
				"io/github/authstarter/http/logos/*.svg", "io/github/authstarter/tenant/schema.sql",
				"io.github.authstarter.http.messages",
				"io.github.authstarter.autoconfigure.MissingAuthPropertyFailureAnalyzer");
	}

	@Test
	void signInOnOneInstanceThenTheApiRefreshAndLogoutOnTheOther() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(urls.get(0) + "/auth/login/demo", "alice", urls.get(1));
			assertThat(Browser.location(callback)).isEqualTo(urls.get(1) + "/");
			assertThat(browser.get(urls.get(0) + "/").body()).contains("alice@example.com");
			assertThat(browser.getJson(urls.get(1) + "/api/me").body()).contains("\"provider\":\"demo\"");
			assertThat(browser.getJson(urls.get(0) + "/api/userinfo").body()).contains("\"sub\":\"alice\"");
			assertThat(browser.postWithCsrf(urls.get(1) + "/auth/refresh", true).statusCode()).isEqualTo(200);
			HttpResponse<String> logout = browser.postWithCsrf(urls.get(0) + "/auth/logout", true);
			assertThat(logout.statusCode()).isEqualTo(200);
			assertThat(logout.body()).contains("logoutUrl");
			assertThat(browser.getJson(urls.get(1) + "/api/me").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void aProviderFromEnvironmentVariablesTheBuildNeverSawSignsIn() {
		try (Browser browser = new Browser()) {
			browser.loginAs(urls.get(1) + "/auth/login/corp", "bob");
			assertThat(browser.getJson(urls.get(0) + "/auth/user").body()).contains("\"provider\":\"corp\"");
		}
	}

	@Test
	void aSwitchSetOnlyWhenTheApplicationStartsStopsItNamingTheProperty() {
		// conditions were evaluated at build time, without tenants: started with them, it
		// would run without keeping tenants apart
		Map<String, Object> withTenants = new HashMap<>(properties);
		withTenants.put("auth.tenants.resolution", "host");
		withTenants.put("auth.tenants.domain", "example.com");
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> startAheadOfTime(withTenants))
			.havingRootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.withMessageContaining("auth.tenants.resolution")
			.withMessageContaining("processed ahead of time");
	}

	@Test
	void theSignInPageListsBoth() {
		try (Browser browser = new Browser()) {
			assertThat(browser.get(urls.get(0) + "/auth/login").body()).contains("/auth/login/demo")
				.contains("Corp from the environment");
		}
	}

}
