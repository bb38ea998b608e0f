package io.github.authstarter.token;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApiDefinition}: a token goes under its API's base URL only, however a
 * path is spelled to make the server resolve it somewhere else.
 */
class ApiDefinitionTests {

	private static final String BASE = "https://graph.microsoft.com/v1.0";

	private final ApiDefinition graph = new ApiDefinition("corp", "graph", Set.of("User.Read"), null, null,
			ApiGrant.REFRESH_TOKEN, URI.create(BASE));

	@Test
	void allowsWhenAtOrBelowTheBasePathThenTrue() {
		for (String path : List.of("", "/", "/me", "/me/drive/items/a.b", "/files/report..pdf", "/me.",
				"/users/a%40example.com", "/me?$select=id;name&x=%2e%2e%2F")) {
			assertThat(this.graph.allows(URI.create(BASE + path))).as(path).isTrue();
		}
	}

	@Test
	void allowsWhenADotSegmentLeavesTheBasePathThenFalse() {
		for (String path : List.of("/../beta/me", "/me/../../beta", "/..", "/...", "/..x/me")) {
			assertThat(this.graph.allows(URI.create(BASE + path))).as(path).isFalse();
		}
	}

	@Test
	void allowsWhenPathParametersHideADotSegmentThenFalse() {
		// Tomcat and others drop ";..." from a segment before they resolve dot segments
		for (String path : List.of("/..;/beta/me", "/..;jsessionid=x/beta/me", "/me/..;/..;/beta")) {
			assertThat(this.graph.allows(URI.create(BASE + path))).as(path).isFalse();
		}
	}

	@Test
	void allowsWhenEncodedSlashesOrBackslashesHideADotSegmentThenFalse() {
		for (String path : List.of("/..%2Fbeta/me", "/..%2fbeta/me", "/..%5Cbeta/me", "/..%5cbeta/me",
				"/x%2F..%2F..%2Fbeta", "/x%5C..%5C..%5Cbeta")) {
			assertThat(this.graph.allows(URI.create(BASE + path))).as(path).isFalse();
		}
	}

	@Test
	void allowsWhenDotsOrSeparatorsArePercentEncodedOnceOrTwiceThenFalse() {
		for (String path : List.of("/%2e%2e/beta/me", "/%2E%2E/beta/me", "/.%2e/beta/me", "/%2e./beta/me",
				"/%252e%252e/beta/me", "/x%252F..%252F..%252Fbeta", "/x%255C..%255C..%255Cbeta",
				"/%25%32%65%25%32%65/beta/me", "/%25252e%25252e/beta/me")) {
			assertThat(this.graph.allows(URI.create(BASE + path))).as(path).isFalse();
		}
	}

	@Test
	void allowsWhenTheSeparatorsThatServersInterpretAreAnywhereInThePathThenFalse() {
		// a semicolon or an encoded slash is refused even where it would stay under the
		// base path: which server reads it how is not knowable here
		for (String path : List.of("/me;a=b", "/me%2Fdrive", "/me%5Cdrive")) {
			assertThat(this.graph.allows(URI.create(BASE + path))).as(path).isFalse();
		}
	}

	@Test
	void allowsWhenBuiltWithABackslashThenItIsEncodedAndRefused() throws Exception {
		// java.net.URI quotes a backslash, so only its encoded form ever reaches allows
		URI quoted = new URI("https", "graph.microsoft.com", "/v1.0/..\\beta", null);
		assertThat(quoted.getRawPath()).isEqualTo("/v1.0/..%5Cbeta");
		assertThat(this.graph.allows(quoted)).isFalse();
	}

}
