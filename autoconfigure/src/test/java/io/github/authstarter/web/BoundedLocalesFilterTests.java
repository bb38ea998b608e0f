package io.github.authstarter.web;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BoundedLocalesFilter}.
 */
class BoundedLocalesFilterTests {

	@Test
	void aRequestWhoseContainerRefusesItsLanguagesGetsTheOnesItKept() throws Exception {
		MockHttpServletRequest refusing = new MockHttpServletRequest() {

			private boolean parsed;

			@Override
			public Enumeration<Locale> getLocales() {
				// as Tomcat: the first call keeps the first languages and throws
				if (!this.parsed) {
					this.parsed = true;
					throw new IllegalArgumentException("More than the maximum allowed number of locales");
				}
				return Collections.enumeration(List.of(Locale.GERMAN, Locale.FRENCH));
			}

		};
		refusing.addHeader("Accept-Language", "de, fr, xx");
		HttpServletRequest seen = filtered(refusing);
		assertThat(seen.getLocale()).isEqualTo(Locale.GERMAN);
		assertThat(Collections.list(seen.getLocales())).containsExactly(Locale.GERMAN, Locale.FRENCH);
	}

	@Test
	void aRequestWithoutTheHeaderPassesUnwrapped() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(filtered(request)).isSameAs(request);
	}

	private static HttpServletRequest filtered(MockHttpServletRequest request) throws Exception {
		MockFilterChain chain = new MockFilterChain();
		new BoundedLocalesFilter().doFilter(request, new MockHttpServletResponse(), chain);
		ServletRequest seen = chain.getRequest();
		return (HttpServletRequest) seen;
	}

}
