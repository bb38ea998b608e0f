package io.github.authstarter.session;

import java.net.http.HttpResponse;
import java.util.Map;

import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedisCluster;
import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole life of a session on a three-master Redis Cluster, across two instances:
 * every key the starter writes is a single-key operation, so nothing crosses slots.
 */
class RedisClusterIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	private static TestRedisCluster cluster;

	private static AppInstances apps;

	@BeforeAll
	static void start() {
		provider.start();
		cluster = TestRedisCluster.start();
		Map<String, Object> properties = provider.appProperties();
		properties.remove("spring.data.redis.url");
		properties.putAll(cluster.properties());
		apps = AppInstances.start(2, TestApplication.class, properties);
	}

	@AfterAll
	static void stop() {
		apps.close();
		cluster.close();
		provider.stop();
	}

	@Test
	void loginRefreshAndLogoutAcrossInstancesOnACluster() throws Exception {
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			assertThat(Browser.location(callback)).isEqualTo(apps.url(1) + "/");
			String before = browser.get(apps.url(0) + "/api/token").body();
			int grants = provider.refreshGrants();
			assertThat(browser.postWithCsrf(apps.url(1) + "/auth/refresh", true).statusCode()).isEqualTo(200);
			assertThat(provider.refreshGrants()).isEqualTo(grants + 1);
			assertThat(browser.get(apps.url(0) + "/api/token").body()).isNotEqualTo(before);
			assertThat(browser.getJson(apps.url(0) + "/auth/user").body()).contains("\"subject\":\"alice\"");
			browser.postWithCsrf(apps.url(0) + "/auth/logout", true);
			assertThat(browser.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

}
