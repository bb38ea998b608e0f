package io.github.authstarter.autoconfigure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthRuntimeHints}: every resource the starter ships is covered, so a
 * new one without a hint fails here, not in a native image.
 */
class AuthRuntimeHintsTests {

	private final RuntimeHints hints = registered();

	@Test
	void registeredInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).anyMatch(AuthRuntimeHints.class::isInstance);
	}

	@Test
	void everyResourceTheStarterShipsIsHinted() throws IOException {
		List<String> shipped = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:io/github/authstarter/**/*.*")) {
			String path = resource.getURL().toString();
			String name = path.substring(path.lastIndexOf("io/github/authstarter/"));
			if (!name.endsWith(".class")) {
				shipped.add(name);
			}
		}
		assertThat(shipped).contains(AuthRuntimeHints.PAGES + "auth-pages.css",
				AuthRuntimeHints.PAGES + "logos/google.svg", "io/github/authstarter/tenant/schema.sql");
		assertThat(shipped)
			.allSatisfy((resource) -> assertThat(RuntimeHintsPredicates.resource().forResource(resource)).as(resource)
				.accepts(this.hints));
	}

	@Test
	void messagesAreABundle() {
		assertThat(RuntimeHintsPredicates.resource().forBundle("io.github.authstarter.http.messages"))
			.accepts(this.hints);
	}

	@Test
	void failureAnalyzersCanBeCreated() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(MissingAuthPropertyFailureAnalyzer.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(ForeignRegistrationsFailureAnalyzer.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
	}

	@Test
	void actuatorIsFoundByName() {
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(AuthRuntimeHints.ACTUATOR_ENDPOINTS)))
			.accepts(this.hints);
	}

	private static RuntimeHints registered() {
		RuntimeHints hints = new RuntimeHints();
		new AuthRuntimeHints().registerHints(hints, AuthRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

}
