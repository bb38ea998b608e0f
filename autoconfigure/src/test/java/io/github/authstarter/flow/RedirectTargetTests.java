package io.github.authstarter.flow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedirectTarget}.
 */
class RedirectTargetTests {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/hello", "/a/b?c=d&e=f", "/search?q=a%20b", "/path#fragment", "/caf%C3%A9", "/a+b" })
	void isSafeWhenPathOnThisApplicationThenTrue(String target) {
		assertThat(RedirectTarget.isSafe(target)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "//evil.example.com", "/\\evil.example.com", "\\\\evil.example.com",
			"https://evil.example.com", "http:/evil.example.com", "javascript:alert(1)", "evil.example.com",
			"/%2F%2Fevil.example.com", "%2F%2Fevil.example.com", "/%5Cevil.example.com", "/%252F%252Fevil.example.com",
			"/%25252F%25252Fevil.example.com", "/a\nb", "/a%0d%0aSet-Cookie:x=y", "/%E0%A4%A", "/\t/evil.example.com" })
	void isSafeWhenAnotherOriginOrMalformedThenFalse(String target) {
		assertThat(RedirectTarget.isSafe(target)).isFalse();
	}

	@Test
	void isSafeWhenTooLongThenFalse() {
		assertThat(RedirectTarget.isSafe("/" + "a".repeat(3000))).isFalse();
	}

	@Test
	void safeOrWhenUnsafeThenFallback() {
		assertThat(RedirectTarget.safeOr("//evil", "/home")).isEqualTo("/home");
		assertThat(RedirectTarget.safeOr(null, "/home")).isEqualTo("/home");
		assertThat(RedirectTarget.safeOr("/ok", "/home")).isEqualTo("/ok");
	}

}
