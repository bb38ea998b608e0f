package io.github.authstarter.tenant;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestPostgres;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Providers kept in a real PostgreSQL (the table created at startup), on two instances
 * sharing it and one Redis for the change announcements: saved on one instance, signing
 * in on the other within a second; changed, disabled and removed through the store, and
 * changed behind its back with SQL.
 */
class JdbcProviderStoreIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.client("initech-client", "initech-secret-that-is-long-enough-for-hs256")
		.registrationIds("test", "initech", "hooli");

	private static AppInstances apps;

	private static JdbcClient database;

	@BeforeAll
	static void start() {
		// CI installs PostgreSQL (.ci/run) and must not skip; elsewhere a missing one
		// skips
		assumeTrue(TestPostgres.installed() || "true".equals(System.getenv("CI")),
				"PostgreSQL is not installed here (initdb): the JDBC store tests are skipped");
		provider.start();
		Map<String, Object> properties = AuthTestBed.inKeySpace(JdbcProviderStoreIntegrationTests.class,
				new HashMap<>(provider.appProperties()));
		properties.put("auth.provider-store.type", "jdbc");
		// the test provider runs on this machine
		properties.put("auth.provider-store.allow-loopback", "true");
		properties.put("auth.provider-store.initialize-schema", "true");
		properties.put("auth.provider-store.refresh-interval", "1s");
		properties.put("auth.session.encryption-key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
		apps = AppInstances.start(2, WithDatabase.class, properties);
		database = JdbcClient.create(apps.context(0).getBean(DataSource.class));
		database.sql("DELETE FROM auth_provider").update();
	}

	@AfterAll
	static void stop() {
		if (apps != null) {
			apps.close();
		}
		provider.stop();
	}

	@Test
	void providerSavedOnOneInstanceSignsInOnTheOtherWithinASecond() {
		StoredProvider saved = store(0).save(StoredProvider.of("initech", "initech", settings()));
		assertThat(saved.version()).isPositive();
		assertThat(store(1).find("initech")).isEqualTo(saved);
		try (Browser browser = new Browser()) {
			TenantTestSupport
				.awaitWithinASecond(() -> browser.get(apps.url(1) + "/auth/login/initech").statusCode() == 302);
			HttpResponse<String> callback = browser.login(apps.url(1) + "/auth/login/initech", "alice", apps.url(0));
			assertThat(callback.statusCode()).isEqualTo(302);
			assertThat(browser.getJson(apps.url(0) + "/auth/user").body()).contains("\"provider\":\"initech\"");
		}
	}

	@Test
	void eachSaveRaisesTheVersionAndARemovedProviderComesBackNewer() {
		StoredProvider first = store(0).save(StoredProvider.of("hooli", null, settings()));
		StoredProvider second = store(1).save(first.withEnabled(false));
		assertThat(second.version()).isGreaterThan(first.version());
		assertThat(store(0).summaries()).contains(second.summary());
		assertThat(store(0).remove("hooli")).isTrue();
		StoredProvider again = store(0).save(StoredProvider.of("hooli", null, settings()));
		assertThat(again.version()).isGreaterThan(second.version());
		assertThat(store(1).remove("hooli")).isTrue();
		assertThat(store(1).remove("hooli")).isFalse();
	}

	@Test
	void changeMadeWithSqlIsSeenAtTheNextSummaryRead() {
		store(0).save(StoredProvider.of("initech", "initech", settings()));
		try (Browser browser = new Browser()) {
			TenantTestSupport
				.awaitWithinASecond(() -> browser.get(apps.url(1) + "/auth/login/initech").statusCode() == 302);
			database.sql("UPDATE auth_provider SET enabled = false, version = version + 1 WHERE id = 'initech'")
				.update();
			// no announcement: each instance reads the summaries again every refresh
			// interval (1 s here), then drops what it compiled of the older version
			TenantTestSupport.awaitWithin(3_000,
					() -> browser.getJson(apps.url(1) + "/auth/login/initech").statusCode() == 404);
			store(0).save(store(0).find("initech").withEnabled(true));
		}
	}

	@Test
	void badDefinitionIsRefusedAndNothingIsWritten() {
		assertThatExceptionOfType(InvalidProviderException.class)
			.isThrownBy(() -> store(0).save(StoredProvider.of("broken", null, Map.of("client-id", "c"))))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("issuer-uri"));
		assertThat(database.sql("SELECT count(*) FROM auth_provider WHERE id = 'broken'").query(Long.class).single())
			.isZero();
	}

	@Test
	void clientSecretIsKeptSealedWhenTokensAre() {
		store(0).save(StoredProvider.of("initech", "initech", settings()));
		String row = database.sql("SELECT settings FROM auth_provider WHERE id = 'initech'")
			.query(String.class)
			.single();
		assertThat(row).doesNotContain(provider.clientSecret());
		assertThat(store(1).find("initech").settings()).containsEntry("client-secret", provider.clientSecret());
	}

	private static Map<String, String> settings() {
		return Map.of("issuer-uri", provider.issuer(), "client-id", provider.clientId(), "client-secret",
				provider.clientSecret(), "scopes", "openid,profile,email");
	}

	private static ProviderStore store(int instance) {
		return apps.context(instance).getBean(ProviderStore.class);
	}

	/**
	 * The application with its own DataSource, as one with spring-boot-starter-jdbc has.
	 */
	@Import(TestApplication.class)
	static class WithDatabase {

		@Bean
		DataSource dataSource() {
			return new DriverManagerDataSource(TestPostgres.get().url(), TestPostgres.get().username(), "");
		}

	}

}
