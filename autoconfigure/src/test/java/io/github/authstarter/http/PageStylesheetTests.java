package io.github.authstarter.http;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PageStylesheet}.
 */
class PageStylesheetTests {

	@Test
	void nameChangesWithTheContent() {
		assertThat(PageStylesheet.DEFAULT.name()).matches("auth-[0-9a-f]{16}\\.css");
		assertThat(new PageStylesheet(null).name()).isEqualTo(PageStylesheet.DEFAULT.name());
		assertThat(new PageStylesheet("#7b1fa2").name()).isNotEqualTo(PageStylesheet.DEFAULT.name());
	}

	@Test
	void accentWhenDarkThenWhiteTextOnButtonsAndLinksInTheAccentOnLightPages() {
		String css = css("#7B1FA2");
		assertThat(css).contains("--auth-accent: #7b1fa2;", "--auth-accent-text: #ffffff;", "--auth-link: #7b1fa2;");
		// too dark to read on the dark card: links keep the text colour there
		assertThat(css.substring(css.indexOf("prefers-color-scheme: dark", css.indexOf("auth.web.pages"))))
			.contains("--auth-link: var(--auth-text);");
	}

	@Test
	void accentWhenLightThenBlackTextOnButtonsAndLinksKeepTheTextColour() {
		String css = css("#fc0");
		assertThat(css).contains("--auth-accent: #ffcc00;", "--auth-accent-text: #000000;",
				"--auth-link: var(--auth-text);");
	}

	@Test
	void contrastFollowsWcag() {
		assertThat(PageStylesheet.contrast(PageStylesheet.luminance("#000000"), PageStylesheet.luminance("#ffffff")))
			.isEqualTo(21.0);
		assertThat(PageStylesheet.contrast(PageStylesheet.luminance("#767676"), 1.0)).isBetween(4.5, 4.6);
	}

	@Test
	void accentThatIsNoColourIsRefused() {
		for (String bad : new String[] { "red", "#12345", "#1234567", "#ggg", "#fff;} body{display:none" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new PageStylesheet(bad));
		}
	}

	private static String css(String accent) {
		return new String(new PageStylesheet(accent).content(), StandardCharsets.UTF_8);
	}

}
