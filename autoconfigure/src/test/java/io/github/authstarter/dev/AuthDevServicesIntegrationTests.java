package io.github.authstarter.dev;

import java.net.http.HttpResponse;

import io.github.authstarter.test.dev.AuthDevServices;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own {@code TestMyApplication} with {@link AuthDevServices}: signed in
 * with nothing installed, the real provider kept where it answers.
 */
class AuthDevServicesIntegrationTests {

	@Test
	void withNoProviderConfiguredAliceSignsInAsAnAdminAndBobAsHerself() {
		try (ConfigurableApplicationContext app = run()) {
			String url = url(app);
			try (Browser alice = new Browser()) {
				alice.loginAs(url + "/auth/login/dev", "alice");
				HttpResponse<String> user = alice.getJson(url + "/auth/user");
				assertThat(user.statusCode()).isEqualTo(200);
				assertThat(user.body()).contains("\"provider\":\"dev\"", "Alice Dev", "ROLE_admin");
			}
			try (Browser bob = new Browser()) {
				bob.loginAs(url + "/auth/login/dev", "bob");
				HttpResponse<String> user = bob.getJson(url + "/auth/user");
				assertThat(user.body()).contains("Bob Dev").doesNotContain("ROLE_admin");
			}
		}
	}

	@Test
	void everyProviderWhoseIssuerDoesNotAnswerIsServedLocallyAndOneThatAnswersIsKept() {
		try (TestOpenIdProvider real = TestOpenIdProvider.create().registrationIds("real").start();
				ConfigurableApplicationContext app = run("--auth.providers.corp.issuer-uri=http://127.0.0.1:9/",
						"--auth.providers.corp.client-id=the-real-client",
						// a preset chosen by the id, with no network to reach Google
						"--auth.providers.google.client-id=the-real-google-client",
						"--auth.providers.real.issuer-uri=" + real.issuer(),
						"--auth.providers.real.client-id=" + TestOpenIdProvider.CLIENT_ID,
						"--auth.providers.real.client-secret=" + TestOpenIdProvider.CLIENT_SECRET,
						"--auth.dev.users.carol.claims.name=Carol Configured",
						"--auth.dev.users.carol.roles=auditor")) {
			String url = url(app);
			for (String served : new String[] { "corp", "google" }) {
				try (Browser carol = new Browser()) {
					carol.loginAs(url + "/auth/login/" + served, "carol");
					assertThat(carol.getJson(url + "/auth/user").body()).contains("\"provider\":\"" + served + "\"",
							"Carol Configured", "ROLE_auditor");
				}
			}
			assertThat(app.getEnvironment().getProperty("auth.providers.real.issuer-uri")).isEqualTo(real.issuer());
			assertThat(app.getEnvironment().getProperty("auth.providers.corp.issuer-uri"))
				.isNotEqualTo("http://127.0.0.1:9/");
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "--server.port=0";
		System.arraycopy(args, 0, all, 1, args.length);
		return SpringApplication.from(DevServicesApplication::main)
			.with(AuthDevServices.class)
			.run(all)
			.getApplicationContext();
	}

	private static String url(ConfigurableApplicationContext app) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	/**
	 * An application as a user writes it: nothing of the starter configured.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DevServicesApplication {

		static void main(String[] args) {
			SpringApplication.run(DevServicesApplication.class, args);
		}

	}

}
