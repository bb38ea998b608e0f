package io.github.authstarter.web;

import java.util.Locale;
import java.util.Map;

import io.github.authstarter.http.PageTexts;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ErrorResponseWriter}: the errors in the request's language.
 */
class ErrorResponseWriterTests {

	private static final PageTexts TEXTS = new PageTexts(null, PageTexts.SHIPPED,
			(id) -> "google".equals(id) ? "Google" : null);

	@Test
	void localizedNamesAConfiguredProviderInTheRequestsLanguage() {
		AuthError error = new AuthError(503, "provider_unavailable", "English", "google");
		assertThat(ErrorResponseWriter.localized(request("de"), error).message()).isEqualTo(
				"Der Anmeldedienst Google ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.");
		assertThat(ErrorResponseWriter.localized(request("en"), error).message())
			.isEqualTo("The sign-in provider Google cannot be reached right now. Please try again in a moment.");
		AuthError unknown = new AuthError(503, "provider_unavailable", "English", "<i>evil</i>");
		assertThat(ErrorResponseWriter.localized(request("en"), unknown).message()).doesNotContain("evil");
	}

	@Test
	void localizedKeepsTheCodeStatusAndMembers() {
		AuthError error = new AuthError(403, "consent_required", "English", "google", "interaction_required", null,
				Map.of("api", "Orders", "consentUrl", "/auth/login/google?api=orders"));
		AuthError german = ErrorResponseWriter.localized(request("de"), error);
		assertThat(german.message()).isEqualTo(
				"Der Zugriff auf Orders wurde noch nicht erteilt. Erteilen Sie ihn beim Anmeldedienst, um fortzufahren.");
		assertThat(german.error()).isEqualTo("consent_required");
		assertThat(german.status()).isEqualTo(403);
		assertThat(german.reason()).isEqualTo("interaction_required");
		assertThat(german.members()).isEqualTo(error.members());
	}

	@Test
	void localizedPicksTheTextOfTheReasonThenOfTheStatusThenOfTheCode() {
		assertThat(message("en", new AuthError(403, "access_denied", "x", "google", "email_not_verified", null)))
			.startsWith("Your email address is not verified");
		assertThat(message("en", new AuthError(401, "access_denied", "x", "google")))
			.isEqualTo("The sign-in was cancelled or refused. Please sign in again.");
		assertThat(message("en", new AuthError(403, "access_denied", "x", null)))
			.isEqualTo("You are not allowed to do this.");
	}

	@Test
	void localizedKeepsTheOwnMessageOfAnApplicationsSignInPolicy() {
		AuthError refused = new AuthError(403, "access_denied", "Only ACME staff, please.", "google", "not_staff",
				null);
		assertThat(message("de", refused)).isEqualTo("Only ACME staff, please.");
		StaticMessageSource application = new StaticMessageSource();
		application.addMessage("auth.error.access_denied.not_staff", Locale.GERMAN, "Nur für ACME-Personal.");
		MockHttpServletRequest request = request("de");
		new PageTexts(application, PageTexts.SHIPPED, (id) -> null).attach(request);
		assertThat(ErrorResponseWriter.localized(request, refused).message()).isEqualTo("Nur für ACME-Personal.");
	}

	@Test
	void preparedHandsTheApplicationsResponderTheTranslatedMessageNeverCached() throws Exception {
		AuthError[] seen = new AuthError[1];
		MockHttpServletResponse response = new MockHttpServletResponse();
		ErrorResponseWriter.prepared((request, answer, error) -> seen[0] = error)
			.respond(request("ja"), response, new AuthError(401, "unauthenticated", "Sign in first.", null));
		assertThat(seen[0].message()).isEqualTo("先にログインしてください。");
		assertThat(response.getHeader("Cache-Control")).contains("no-store");
	}

	@Test
	void writeWhenABrowserAsksInGermanThenTheWholePageIsGerman() throws Exception {
		MockHttpServletRequest request = request("de");
		request.addHeader("Accept", "text/html");
		MockHttpServletResponse response = new MockHttpServletResponse();
		ErrorResponseWriter.prepared(AuthErrorResponder.standard())
			.respond(request, response, new AuthError(400, "state_unknown", "English", "google"));
		assertThat(response.getContentAsString()).contains("<html lang=\"de\">", "<h1>Problem bei der Anmeldung</h1>",
				"Diese Anmeldung ist abgelaufen", "Zurück zur Startseite");
		assertThat(response.getHeader("Content-Language")).isEqualTo("de");
		assertThat(response.getHeaders("Vary")).contains("Accept-Language");
	}

	private static String message(String language, AuthError error) {
		return ErrorResponseWriter.localized(request(language), error).message();
	}

	private static MockHttpServletRequest request(String language) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Accept-Language", language);
		TEXTS.attach(request);
		return request;
	}

}
