package io.github.authstarter.http;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PageTexts}.
 */
class PageTextsTests {

	private final PageTexts texts = new PageTexts(null, PageTexts.SHIPPED,
			(id) -> "google".equals(id) ? "Google" : null);

	@Test
	void localeWhenNoAcceptLanguageThenEnglishNotTheServers() {
		Locale server = Locale.getDefault();
		Locale.setDefault(Locale.GERMAN);
		try {
			MockHttpServletRequest request = new MockHttpServletRequest();
			request.setPreferredLocales(List.of(Locale.GERMAN));
			request.removeHeader("Accept-Language");
			assertThat(this.texts.locale(request)).isEqualTo(Locale.ENGLISH);
			assertThat(this.texts.text(request, "auth.page.sign-in")).isEqualTo("Sign in");
		}
		finally {
			Locale.setDefault(server);
		}
	}

	@Test
	void localeIsTheFirstAcceptedLanguageThatIsConfigured() {
		assertThat(this.texts.lang(request("pt-BR, de-CH;q=0.8, fr;q=0.5"))).isEqualTo("de");
		assertThat(this.texts.lang(request("ja"))).isEqualTo("ja");
		assertThat(this.texts.lang(request("pt, it"))).isEqualTo("en");
		// a language the application did not configure is not shown, even if shipped
		PageTexts germanOnly = new PageTexts(null, List.of("en", "de"), (id) -> null);
		assertThat(germanOnly.lang(request("fr, de;q=0.1"))).isEqualTo("de");
	}

	@Test
	void localeLooksAtTheFirstEightLanguagesOnly() {
		String many = "aa, ab, ae, af, ak, am, an, ar, de";
		assertThat(this.texts.lang(request(many))).isEqualTo("en");
	}

	@Test
	void textIsInTheRequestsLanguage() {
		assertThat(this.texts.text(request("de"), "auth.page.sign-in-with", "Google")).isEqualTo("Mit Google anmelden");
		assertThat(this.texts.text(request("fr"), "auth.page.sign-in-with", "Google"))
			.isEqualTo("Se connecter avec Google");
		assertThat(this.texts.text(request("es"), "auth.page.sign-in")).isEqualTo("Iniciar sesión");
		assertThat(this.texts.text(request("ja"), "auth.page.sign-in-with", "Google")).isEqualTo("Google でログイン");
	}

	@Test
	void textOfTheApplicationWinsInItsLanguageAndTheStartersFillsTheRest() {
		StaticMessageSource application = new StaticMessageSource();
		application.addMessage("auth.page.sign-in", Locale.GERMAN, "Einloggen");
		application.addMessage("auth.page.sign-in-with", Locale.ENGLISH, "Continue with {0}");
		PageTexts withOwn = new PageTexts(application, PageTexts.SHIPPED, (id) -> null);
		assertThat(withOwn.text(request("de"), "auth.page.sign-in")).isEqualTo("Einloggen");
		assertThat(withOwn.text(request("de"), "auth.page.back")).isEqualTo("Zurück zur Startseite");
		assertThat(withOwn.text(request("en"), "auth.page.sign-in-with", "Okta")).isEqualTo("Continue with Okta");
	}

	@Test
	void textWhenTheApplicationUsesCodesAsDefaultMessagesThenTheStartersText() {
		StaticMessageSource application = new StaticMessageSource();
		application.setUseCodeAsDefaultMessage(true);
		PageTexts withOwn = new PageTexts(application, PageTexts.SHIPPED, (id) -> null);
		assertThat(withOwn.text(request("en"), "auth.page.sign-in")).isEqualTo("Sign in");
	}

	@Test
	void providerIsNamedOnlyWhenConfigured() {
		assertThat(this.texts.provider(request("en"), "google")).isEqualTo("The sign-in provider Google");
		assertThat(this.texts.provider(request("de"), "google")).isEqualTo("Der Anmeldedienst Google");
		assertThat(this.texts.provider(request("en"), "<script>")).isEqualTo("The sign-in provider");
		assertThat(this.texts.provider(request("en"), null)).isEqualTo("The sign-in provider");
	}

	@Test
	void ofWhenNoFilterGaveTheRequestTextsThenTheStartersOwn() {
		MockHttpServletRequest request = request("fr");
		assertThat(PageTexts.of(request)).isSameAs(PageTexts.STARTER_ONLY);
		this.texts.attach(request);
		assertThat(PageTexts.of(request)).isSameAs(this.texts);
	}

	private static MockHttpServletRequest request(String acceptLanguage) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Accept-Language", acceptLanguage);
		return request;
	}

}
