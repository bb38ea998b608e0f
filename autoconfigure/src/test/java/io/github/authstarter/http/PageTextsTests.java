package io.github.authstarter.http;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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

	@Test
	void localeWhenTheHeaderIsMalformedThenWhatCanBeReadOrEnglish() {
		for (String header : new String[] { ";", ",;", ";;", ";q=1", "", " , ", "de;q=2", "de;q=abc", "-", "-de",
				"de;q=-1" }) {
			assertThat(this.texts.lang(raw(header))).as(header).isEqualTo("en");
		}
		assertThat(this.texts.lang(raw(";, de"))).isEqualTo("de");
		assertThat(this.texts.lang(raw("de;q=abc, fr;q=0.5"))).isEqualTo("fr");
		assertThat(this.texts.lang(raw("de;q=0, fr;q=0.1"))).isEqualTo("fr");
	}

	/** A header as sent, which Spring's mock would parse (and fail on) itself. */
	private static MockHttpServletRequest raw(String acceptLanguage) {
		return new MockHttpServletRequest() {

			@Override
			public String getHeader(String name) {
				return "Accept-Language".equalsIgnoreCase(name) ? acceptLanguage : super.getHeader(name);
			}

		};
	}

	@Test
	void langIsTheLanguageTheTextsAreIn() {
		PageTexts withItalian = new PageTexts(null, List.of("en", "it"), (id) -> null);
		// configured, but nobody wrote the Italian texts: the page is English, and says
		// so
		assertThat(withItalian.lang(request("it"))).isEqualTo("en");
		StaticMessageSource application = new StaticMessageSource();
		application.addMessage("auth.page.lang", Locale.ITALIAN, "it");
		application.addMessage("auth.page.sign-in", Locale.ITALIAN, "Accedi");
		PageTexts written = new PageTexts(application, List.of("en", "it"), (id) -> null);
		assertThat(written.lang(request("it"))).isEqualTo("it");
		assertThat(written.text(request("it"), "auth.page.sign-in")).isEqualTo("Accedi");
	}

	@Test
	void textOfTheApplicationIsAlwaysAMessageFormatSoAnApostropheIsAlwaysDoubled() {
		StaticMessageSource application = new StaticMessageSource();
		application.addMessage("auth.page.signed-out-text", Locale.FRENCH, "Vous avez quitté l''application.");
		PageTexts withOwn = new PageTexts(application, PageTexts.SHIPPED, (id) -> null);
		assertThat(withOwn.text(request("fr"), "auth.page.signed-out-text"))
			.isEqualTo("Vous avez quitté l'application.");
	}

	@Test
	void validateNamesATextOfTheApplicationThatIsNoMessageFormat() {
		StaticMessageSource application = new StaticMessageSource();
		application.addMessage("auth.page.sign-in-with", Locale.GERMAN, "Mit {provider} anmelden");
		PageTexts withOwn = new PageTexts(application, PageTexts.SHIPPED, (id) -> null);
		assertThatIllegalStateException().isThrownBy(withOwn::validate)
			.withMessageContaining("auth.page.sign-in-with")
			.withMessageContaining("'de'");
		// and a request meanwhile gets the starter's text rather than a 500
		assertThat(withOwn.text(request("de"), "auth.page.sign-in-with", "Google")).isEqualTo("Mit Google anmelden");
		new PageTexts(new StaticMessageSource(), PageTexts.SHIPPED, (id) -> null).validate();
	}

	private static MockHttpServletRequest request(String acceptLanguage) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Accept-Language", acceptLanguage);
		return request;
	}

}
