package io.github.authstarter.autoconfigure;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aot.agent.HintType;
import org.springframework.aot.agent.RecordedInvocation;
import org.springframework.aot.agent.RecordedInvocationsListener;
import org.springframework.aot.agent.RecordedInvocationsPublisher;
import org.springframework.aot.agent.RuntimeHintsAgent;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The starter's real paths under Spring's runtime-hints agent (its own failsafe
 * execution, {@code runtime-hints}, attaches it): sign-in page with a provider's logo and
 * the stylesheet, a page in another language, login on one instance, the user, a refresh
 * and a logout on another, the error pages. Every reflective or resource call the
 * starter's code makes on them must be covered by the hints of
 * {@code META-INF/spring/aot.factories}, ours and Spring's, or a native image would miss
 * it. What the starter reads once per JVM (the stylesheet, the logos) is read only here:
 * run it alone in its JVM, as its execution does ({@code -Dit.test} naming other classes
 * too would run them there first).
 */
class RuntimeHintsAgentIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	/** The test kit's packages: their calls are not the starter's. */
	private static final Set<String> TEST_PACKAGES = Set.of("io.github.authstarter.test.",
			"io.github.authstarter.testbed.");

	@AfterAll
	static void stop() {
		provider.stop();
	}

	@BeforeAll
	static void agent() {
		if (Boolean.getBoolean("auth.runtime-hints-agent.required")) {
			assertThat(RuntimeHintsAgent.isLoaded()).as("the runtime-hints agent is attached").isTrue();
		}
		assumeTrue(RuntimeHintsAgent.isLoaded(), "only with the runtime-hints agent attached");
	}

	@Test
	void everyCallTheStartersPathsMakeIsHinted() {
		provider.start();
		Map<String, Object> properties = AuthTestBed.inKeySpace(RuntimeHintsAgentIntegrationTests.class,
				new HashMap<>(provider.appProperties()));
		// a preset, so the sign-in page shows a logo; never discovered here
		properties.put("auth.providers.google.client-id", "hints-test");
		properties.put("auth.providers.google.client-secret", "hints-test-secret");
		// from the start: what the starter reads once is read while it starts
		List<RecordedInvocation> recorded = new CopyOnWriteArrayList<>();
		// the agent's recorder, filtered as it records: Spring's own reflection at
		// startup includes calls on types RuntimeHints cannot even name (lambdas)
		RecordedInvocationsListener listener = (invocation) -> {
			if (madeByTheStarter(invocation)) {
				recorded.add(invocation);
			}
		};
		RecordedInvocationsPublisher.addListener(listener);
		try {
			try (AppInstances apps = AppInstances.start(2, TestApplication.class, properties);
					Browser browser = new Browser()) {
				String page = browser.get(apps.url(0) + "/auth/login").body();
				assertThat(page).contains("<svg");
				String stylesheet = page.replaceAll("(?s).*href=\"([^\"]*\\.css)\".*", "$1");
				assertThat(browser.get(apps.url(0) + stylesheet).statusCode()).isEqualTo(200);
				assertThat(browser.get(apps.url(0) + "/auth/login/unknown").statusCode()).isEqualTo(404);
				browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
				assertThat(browser.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(200);
				assertThat(browser.postWithCsrf(apps.url(1) + "/auth/refresh", true).statusCode()).isEqualTo(200);
				HttpResponse<String> logout = browser.postWithCsrf(apps.url(0) + "/auth/logout", false);
				assertThat(logout.statusCode()).isEqualTo(302);
				HttpResponse<String> french = browser.send("GET", apps.url(1) + "/auth/login/unknown",
						Map.of("Accept-Language", "fr"), null);
				assertThat(french.body()).contains("lang=\"fr\"");
			}
		}
		finally {
			RecordedInvocationsPublisher.removeListener(listener);
		}
		// what the starter read is on record: the check below cannot pass for want of it
		assertThat(recorded).extracting((invocation) -> String.valueOf(invocation.getArguments()))
			.anyMatch((arguments) -> arguments.contains("logos/google.svg"))
			.anyMatch((arguments) -> arguments.contains("auth-pages.css"))
			.anyMatch((arguments) -> arguments.contains("messages"));
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		assertThat(recorded).filteredOn((invocation) -> !invocation.matches(hints)).isEmpty();
	}

	/**
	 * Whether the starter made the call: its code calls the JDK directly (or through
	 * Spring's utilities), or the call reads one of its resources (through Spring's
	 * message source, say). Spring's own reflection on the starter's beans is left out:
	 * ahead of time, generated code replaces it.
	 */
	private static boolean madeByTheStarter(RecordedInvocation invocation) {
		String caller = invocation.getStackFrames()
			.map(StackWalker.StackFrame::getClassName)
			// Spring's utilities (ClassUtils.isPresent) only pass the starter's call on
			.filter((name) -> !name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")
					&& !name.startsWith("org.springframework.aot.agent.")
					&& !name.startsWith("org.springframework.util."))
			.findFirst()
			.orElse("");
		if (caller.startsWith("io.github.authstarter.") && TEST_PACKAGES.stream().noneMatch(caller::startsWith)
				&& !caller.contains("Tests")) {
			return true;
		}
		return (invocation.getHintType() == HintType.RESOURCE_PATTERN
				|| invocation.getHintType() == HintType.RESOURCE_BUNDLE)
				&& invocation.getArguments()
					.stream()
					.map(String::valueOf)
					// class files are what Spring parses configuration from, which
					// ahead of time it does at build time
					.anyMatch((argument) -> (argument.contains("io/github/authstarter")
							|| argument.contains("io.github.authstarter")) && !argument.endsWith(".class")
							&& !argument.contains("/testbed/") && !argument.contains("/test/"));
	}

}
