package io.github.authstarter.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken requests against every endpoint and the callback, alternating
 * between two instances. Every case must end in a 4xx or a safe redirect (never a 5xx),
 * create no session, leave a signed-in bystander signed in, and leave a log line naming
 * its reason. Prints {@code N passed, M failed}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputCorpusIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).properties(BadInputCorpusIntegrationTests::appProperties);

	private final List<Case> cases = new ArrayList<>();

	private static Map<String, Object> appProperties() {
		Map<String, Object> properties = provider.appProperties();
		// a record Redis still holds: the age alone, on the starter's clock, refuses it
		properties.put("auth.flow.ttl", "1m");
		// the bystander and alice are of example.com: look-alike domains must not be
		properties.put("auth.providers.test.allowed-email-domains", "example.com");
		properties.put("logging.level.io.github.authstarter.web.LoginEntryPoint", "debug");
		return properties;
	}

	/**
	 * One test per case, reported by its name, then the {@code N passed, M failed} line.
	 */
	@TestFactory
	Stream<DynamicTest> everyHostileRequestIsRefusedCleanly(CapturedOutput output) {
		loginStartCases();
		callbackCases();
		idTokenCases();
		logoutTokenCases();
		endpointCases();
		lookAlikeDomainCases();
		assertThat(this.cases).hasSizeGreaterThanOrEqualTo(60);
		Browser bystander = new Browser();
		bystander.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(1));
		List<String> failures = new ArrayList<>();
		Stream<DynamicTest> cases = IntStream.range(0, this.cases.size()).mapToObj((i) -> {
			Case c = this.cases.get(i);
			return DynamicTest.dynamicTest(c.name(), () -> {
				String problem = run(c, bystander, bed.apps().url(i % 2), bed.apps().url((i + 1) % 2), output);
				System.out.println("Bad-input case \"" + c.name() + "\": "
						+ ((problem != null) ? "FAILED, " + problem : "passed"));
				if (problem != null) {
					failures.add(c.name() + ": " + problem);
				}
				assertThat(problem).as(c.name()).isNull();
			});
		});
		DynamicTest summary = DynamicTest.dynamicTest("summary", () -> {
			bystander.close();
			System.out.println("Bad-input corpus: " + (this.cases.size() - failures.size()) + " passed, "
					+ failures.size() + " failed");
			assertThat(failures).isEmpty();
		});
		return Stream.concat(cases, Stream.of(summary));
	}

	/**
	 * Runs one case and says what is wrong with its outcome, or {@code null}.
	 */
	private static @Nullable String run(Case c, Browser bystander, String app, String other, CapturedOutput output) {
		long sessionsBefore = bed.sessions().count();
		int logMark = output.getAll().length();
		String problem;
		int status = 0;
		try (Browser browser = new Browser()) {
			HttpResponse<String> response = c.request().send(new Target(browser, bystander, app, other));
			status = response.statusCode();
			problem = judge(c, response, app, other);
		}
		catch (RuntimeException | AssertionError ex) {
			problem = "threw " + ex;
		}
		if (problem == null && bed.sessions().count() != sessionsBefore) {
			problem = "sessions " + sessionsBefore + " -> " + bed.sessions().count();
		}
		if (problem == null) {
			HttpResponse<String> user = bystander.getJson(other + "/auth/user");
			if (user.statusCode() != 200 || !user.body().contains("\"subject\":\"bob\"")) {
				problem = "the signed-in bystander is no longer bob: " + user.statusCode();
			}
		}
		if (problem == null && c.logged() == null && status != 400) {
			problem = "status " + status + " where the container should refuse it";
		}
		if (problem == null && c.logged() != null && !output.getAll().substring(logMark).contains(c.logged())) {
			problem = "no log line with \"" + c.logged() + "\" (status " + status + ")";
		}
		return problem;
	}

	private static String judge(Case c, HttpResponse<String> response, String app, String other) {
		int status = response.statusCode();
		if (status >= 500) {
			return "status " + status;
		}
		if (status >= 300 && status < 400) {
			String location = Browser.location(response);
			boolean safe = location.startsWith(app + "/") || location.startsWith(other + "/")
					|| location.startsWith(provider.issuer() + "/oauth2/authorize?");
			return safe ? null : "unsafe redirect to " + location;
		}
		if (status < 400) {
			return "status " + status;
		}
		if (response.body().contains("<script>")) {
			return "reflected markup";
		}
		return null;
	}

	private void add(String name, @Nullable String logged, Request request) {
		this.cases.add(new Case(name, logged, request));
	}

	private void loginStartCases() {
		add("unknown provider", "unknown provider", (t) -> t.browser().get(t.app() + "/auth/login/nope"));
		// encoded slashes: the servlet container answers 400 before the application sees
		// them, so no application log line is possible
		add("markup as provider id", null,
				(t) -> t.browser().get(t.app() + "/auth/login/%3Cscript%3Ealert(1)%3C%2Fscript%3E"));
		add("path traversal as provider id", null, (t) -> t.browser().get(t.app() + "/auth/login/..%2F..%2Fadmin"));
		add("path parameter smuggled into the login path", "rejected by the firewall",
				(t) -> t.browser().get(t.app() + "/auth/login/test;x=y"));
		add("dot segment hidden behind a path parameter", "rejected by the firewall",
				(t) -> t.browser().get(t.app() + "/auth/login/..;/test"));
		add("dot segment encoded twice", "rejected by the firewall",
				(t) -> t.browser().get(t.app() + "/auth/login/%252e%252e/test"));
		add("dot segment behind an encoded backslash", null, (t) -> t.browser().get(t.app() + "/auth/login/..%5Ctest"));
		add("very long provider id", "unknown provider",
				(t) -> t.browser().get(t.app() + "/auth/login/" + "x".repeat(3000)));
		add("login hint with a forged log line", "invalid_login_parameter (login_hint)",
				(t) -> t.browser().get(t.app() + "/auth/login/test?login_hint=" + enc("a\r\nINFO forged line")));
		add("prompt that is no prompt value", "invalid_login_parameter (prompt)",
				(t) -> t.browser().get(t.app() + "/auth/login/test?prompt=" + enc("login none")));
		add("login start by POST without CSRF", "csrf_invalid",
				(t) -> send(t.browser(), "POST", t.app() + "/auth/login/test", Map.of()));
		for (String target : List.of("https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example",
				"https:evil.example", "/%2F%2Fevil.example", "javascript:alert(1)", "%2F%2Fevil.example",
				"/\t/evil.example", "/" + "a".repeat(5000))) {
			add("redirect target " + target.substring(0, Math.min(target.length(), 24)), "unsafe_redirect", (t) -> {
				HttpResponse<String> start = t.browser()
					.get(t.app() + "/auth/login/test?redirect=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
				assertThat(flowRecords()).noneMatch((record) -> record.contains("evil") || record.contains("aaaa"));
				return start;
			});
		}
	}

	private void callbackCases() {
		add("callback without parameters", "invalid_callback",
				(t) -> t.browser().get(t.app() + "/login/oauth2/code/test"));
		add("callback with state only", "invalid_callback",
				(t) -> t.browser().get(t.app() + "/login/oauth2/code/test?state=x"));
		add("callback with code only", "invalid_callback",
				(t) -> t.browser().get(t.app() + "/login/oauth2/code/test?code=x"));
		add("unknown state", "state_unknown",
				(t) -> t.browser().get(t.app() + "/login/oauth2/code/test?code=x&state=" + UUID.randomUUID()));
		add("tampered state", "state_unknown", (t) -> {
			String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
			return t.browser().get(onOther(with(callback, "state", param(callback, "state") + "x"), t));
		});
		add("replayed callback in another browser", "state_unknown", (t) -> {
			try (Browser first = new Browser()) {
				String callback = first.authorize(t.app() + "/auth/login/test", "alice");
				first.get(callback);
				first.postWithCsrf(t.app() + "/auth/logout", true);
				return t.browser().get(onOther(callback, t));
			}
		});
		add("expired state", "state_unknown", (t) -> {
			String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
			bed.clock().advance(Duration.ofSeconds(62));
			return t.browser().get(onOther(callback, t));
		});
		add("state swapped between browsers", "flow_binding_mismatch", (t) -> {
			try (Browser attacker = new Browser()) {
				String attackers = attacker.authorize(t.app() + "/auth/login/test", "bob");
				t.browser().authorize(t.other() + "/auth/login/test", "alice");
				return t.browser().get(onOther(attackers, t));
			}
		});
		add("callback without the binding cookie", "flow_binding_missing", (t) -> {
			String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
			t.browser().removeCookie("AUTH_FLOW");
			return t.browser().get(onOther(callback, t));
		});
		add("callback with a forged binding cookie", "flow_binding_mismatch", (t) -> {
			String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
			t.browser().removeCookie("AUTH_FLOW");
			setCookie(t.browser(), t.other(), "AUTH_FLOW", "forged-" + UUID.randomUUID());
			return t.browser().get(onOther(callback, t));
		});
		for (String error : List.of("access_denied", "login_required", "interaction_required", "consent_required")) {
			add("error=" + error, error, (t) -> {
				String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
				return t.browser()
					.get(onOther(Browser.withoutQuery(callback) + "?error=" + error + "&state="
							+ param(callback, "state") + "&iss=" + enc(provider.issuer()), t));
			});
		}
		add("error=server_error", "login_failed (server_error)", (t) -> {
			String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
			return t.browser()
				.get(onOther(Browser.withoutQuery(callback) + "?error=server_error&state=" + param(callback, "state")
						+ "&iss=" + enc(provider.issuer()), t));
		});
		add("error with markup in its description", "access_denied", (t) -> {
			String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
			return t.browser()
				.get(onOther(Browser.withoutQuery(callback) + "?error=access_denied&error_description="
						+ enc("<script>alert(1)</script>" + "x".repeat(2000)) + "&state=" + param(callback, "state")
						+ "&iss=" + enc(provider.issuer()), t));
		});
		add("issuer mismatch", "iss_mismatch", (t) -> {
			String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
			return t.browser().get(onOther(with(callback, "iss", "https://evil.example"), t));
		});
		add("forged code", "token_exchange_failed", (t) -> {
			String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
			return t.browser().get(onOther(with(callback, "code", "forged-" + UUID.randomUUID()), t));
		});
		add("code of another login (its PKCE verifier is elsewhere)", "token_exchange_failed", (t) -> {
			try (Browser other = new Browser()) {
				String theirs = other.authorize(t.app() + "/auth/login/test", "bob");
				String mine = t.browser().authorize(t.app() + "/auth/login/test", "alice");
				return t.browser().get(onOther(with(mine, "code", param(theirs, "code")), t));
			}
		});
		add("code used twice", "token_exchange_failed", (t) -> {
			try (Browser first = new Browser()) {
				String used = first.authorize(t.app() + "/auth/login/test", "alice");
				first.get(used);
				first.postWithCsrf(t.app() + "/auth/logout", true);
				String mine = t.browser().authorize(t.app() + "/auth/login/test", "alice");
				return t.browser().get(onOther(with(mine, "code", param(used, "code")), t));
			}
		});
		add("callback delivered to another provider's callback path", "provider_mismatch", (t) -> {
			String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
			return t.browser()
				.get(onOther(callback.replace("/login/oauth2/code/test?", "/login/oauth2/code/other?"), t));
		});
		add("callback with two binding cookies, one planted", "flow_binding_ambiguous", (t) -> {
			String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
			String cookies = "AUTH_FLOW=" + t.browser().cookie("AUTH_FLOW") + "; AUTH_FLOW=" + "P".repeat(43);
			t.browser().removeCookie("AUTH_FLOW");
			return t.browser().send("GET", onOther(callback, t), Map.of("Cookie", cookies), null);
		});
		add("error code with line breaks", "login_failed (invalid)", (t) -> {
			String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
			return t.browser()
				.get(onOther(Browser.withoutQuery(callback) + "?error=" + enc("x\r\nINFO forged line") + "&state="
						+ param(callback, "state") + "&iss=" + enc(provider.issuer()), t));
		});
		add("oversized state", "state_unknown",
				(t) -> t.browser().get(t.app() + "/login/oauth2/code/test?code=x&state=" + "s".repeat(4000)));
		add("state with control characters", "state_unknown",
				(t) -> t.browser().get(t.app() + "/login/oauth2/code/test?code=x&state=" + enc("\u0000\r\n\u202e")));
		add("callback for an unknown provider", "state_unknown",
				(t) -> t.browser().get(t.app() + "/login/oauth2/code/nope?code=x&state=" + UUID.randomUUID()));
		add("form_post callback without the binding cookie", "state_unknown", (t) -> send(t.browser(), "POST",
				t.app() + "/login/oauth2/code/test", Map.of("code", "x", "state", UUID.randomUUID().toString())));
	}

	private void idTokenCases() {
		long now = Instant.now().getEpochSecond();
		idTokenCase("id token with alg none", "unsigned token", (claims) -> new PlainJWT(claimSet(claims)).serialize());
		idTokenCase("id token HS256-signed with the client secret", "algorithm or key not accepted", (claims) -> {
			try {
				SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claimSet(claims));
				jwt.sign(new MACSigner(TestOpenIdProvider.CLIENT_SECRET.getBytes(StandardCharsets.UTF_8)));
				return jwt.serialize();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		idTokenCase("id token signed with a foreign key", "bad signature", provider::forgeLogoutToken);
		idTokenCase("id token of another issuer", "claims iss",
				(claims) -> provider.signIdToken(with(claims, "iss", "https://evil.example")));
		idTokenCase("id token for another audience", "claims aud",
				(claims) -> provider.signIdToken(with(claims, "aud", List.of("other"))));
		idTokenCase("id token with a wrong nonce", "claims nonce",
				(claims) -> provider.signIdToken(with(claims, "nonce", "forged")));
		idTokenCase("id token without a nonce", "claims nonce", (claims) -> {
			Map<String, Object> without = new HashMap<>(claims);
			without.remove("nonce");
			return provider.signIdToken(without);
		});
		idTokenCase("expired id token", "claims exp",
				(claims) -> provider.signIdToken(with(with(claims, "exp", now - 3600), "iat", now - 7200)));
		idTokenCase("id token issued in the future", "claims iat",
				(claims) -> provider.signIdToken(with(with(claims, "iat", now + 3600), "exp", now + 7200)));
		idTokenCase("id token without a subject", "claims sub", (claims) -> {
			Map<String, Object> without = new HashMap<>(claims);
			without.remove("sub");
			return provider.signIdToken(without);
		});
		idTokenCase("id token that is not a JWT", "malformed token", (claims) -> "not-a-jwt");
	}

	private void idTokenCase(String name, String detail, Function<Map<String, Object>, String> forger) {
		add(name, "Login failed for provider 'test': invalid_id_token (" + detail + ")", (t) -> {
			String callback = t.browser().authorize(t.app() + "/auth/login/test", "alice");
			provider.forgeIdTokens(forger);
			try {
				return t.browser().get(onOther(callback, t));
			}
			finally {
				provider.forgeIdTokens(null);
			}
		});
	}

	private void logoutTokenCases() {
		logoutTokenCase("logout token with a foreign signature", SIGNED + "bad signature)",
				(t) -> provider.forgeLogoutToken(logoutClaims()));
		logoutTokenCase("logout token with alg none", SIGNED + "unsigned token)",
				(t) -> new PlainJWT(claimSet(logoutClaims())).serialize());
		logoutTokenCase("logout token HS256-signed with the client secret", SIGNED + "algorithm or key not accepted)",
				(t) -> {
					try {
						SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claimSet(logoutClaims()));
						jwt.sign(new MACSigner(TestOpenIdProvider.CLIENT_SECRET.getBytes(StandardCharsets.UTF_8)));
						return jwt.serialize();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				});
		logoutTokenCase("logout token of another issuer", "wrong iss",
				(t) -> provider.signLogoutToken(with(logoutClaims(), "iss", "https://evil.example")));
		logoutTokenCase("logout token for another audience", "wrong aud",
				(t) -> provider.signLogoutToken(with(logoutClaims(), "aud", List.of("other"))));
		logoutTokenCase("old logout token", "missing or unacceptable iat",
				(t) -> provider.signLogoutToken(with(logoutClaims(), "iat", Instant.now().getEpochSecond() - 86_400)));
		logoutTokenCase("logout token with a nonce", "a logout_token must not contain a nonce",
				(t) -> provider.signLogoutToken(with(logoutClaims(), "nonce", "n")));
		logoutTokenCase("logout token without events", "missing back-channel logout event", (t) -> {
			Map<String, Object> claims = logoutClaims();
			claims.remove("events");
			return provider.signLogoutToken(claims);
		});
		logoutTokenCase("logout token naming nobody", "neither sid nor sub", (t) -> {
			Map<String, Object> claims = logoutClaims();
			claims.remove("sub");
			return provider.signLogoutToken(claims);
		});
		logoutTokenCase("logout token that is not a JWT", SIGNED + "malformed token)", (t) -> "not-a-jwt");
		logoutTokenCase("empty logout token", "missing logout_token", (t) -> "");
		logoutTokenCase("oversized logout token", "oversized logout_token", (t) -> "x".repeat(20_000));
		logoutTokenCase("replayed logout token", "replayed jti", (t) -> {
			String once = provider.signLogoutToken(logoutClaims());
			assertThat(backChannel(t.other(), "test", once).statusCode()).isEqualTo(200);
			return once;
		});
		logoutTokenCase("logout token naming a made-up key", SIGNED,
				(t) -> provider.signWithUnknownKey(logoutClaims()));
		add("back-channel logout for an unknown provider", "rejected for provider 'nope': unknown provider",
				(t) -> backChannel(t.app(), "nope", provider.signLogoutToken(logoutClaims())));
	}

	private static final String SIGNED = "the logout_token is not a valid signed JWT of the provider (";

	private void logoutTokenCase(String name, String reason, TokenSource tokenSource) {
		add(name, "Back-channel logout rejected for provider 'test': " + reason,
				(t) -> backChannel(t.app(), "test", tokenSource.token(t)));
	}

	private void lookAlikeDomainCases() {
		// verified addresses whose domains only look like example.com: a Cyrillic a, and
		// an ideographic full stop that IDNA reads as a dot
		Map<String, String> lookAlikes = Map.of("idn-cyrillic", "mallory@ex\u0430mple.com", "idn-fullstop",
				"mallory@example.com\u3002evil");
		lookAlikes.forEach((user, email) -> {
			provider.addUser(user, Map.of("name", "Mallory", "email", email, "email_verified", true));
			add("verified email of a look-alike domain (" + user + ")", "email_domain_not_allowed",
					(t) -> t.browser().followRedirects(t.browser().login(t.app() + "/auth/login/test", user, t.app())));
		});
	}

	private void endpointCases() {
		add("logout without the CSRF token", "csrf_invalid",
				(t) -> send(t.bystander(), "POST", t.app() + "/auth/logout", Map.of()));
		add("logout with another CSRF header", "csrf_invalid",
				(t) -> t.bystander().send("POST", t.app() + "/auth/logout", Map.of("X-XSRF-TOKEN", "forged"), ""));
		add("logout with another _csrf field", "csrf_invalid",
				(t) -> send(t.bystander(), "POST", t.app() + "/auth/logout", Map.of("_csrf", "forged")));
		add("refresh without the CSRF token", "csrf_invalid",
				(t) -> send(t.bystander(), "POST", t.app() + "/auth/refresh", Map.of()));
		add("sign out everywhere without the CSRF token", "csrf_invalid",
				(t) -> send(t.bystander(), "POST", t.app() + "/api/sign-out-everywhere", Map.of()));
		add("PUT on the user endpoint", "csrf_invalid",
				(t) -> send(t.bystander(), "PUT", t.app() + "/auth/user", Map.of()));
		add("DELETE on the user endpoint", "csrf_invalid",
				(t) -> send(t.bystander(), "DELETE", t.app() + "/auth/user", Map.of()));
		add("forged session cookie", "names no signed-in session", (t) -> {
			setCookie(t.browser(), t.app(), "SESSION", "Zm9yZ2Vk");
			return t.browser().getJson(t.app() + "/auth/user");
		});
		add("oversized session cookie", "names no signed-in session", (t) -> {
			setCookie(t.browser(), t.app(), "SESSION", "A".repeat(4000));
			return t.browser().getJson(t.app() + "/auth/user");
		});
		add("random 6 KB session cookie", "names no signed-in session", (t) -> {
			byte[] noise = new byte[4_500];
			new SecureRandom().nextBytes(noise);
			setCookie(t.browser(), t.app(), "SESSION", Base64.getEncoder().encodeToString(noise));
			return t.browser().getJson(t.app() + "/auth/user");
		});
		add("session cookie of an id Redis does not hold", "names no signed-in session", (t) -> {
			setCookie(t.browser(), t.app(), "SESSION", base64(UUID.randomUUID().toString()));
			return t.browser().getJson(t.app() + "/auth/user");
		});
		add("session cookie of a real id with a tail", "names no signed-in session", (t) -> {
			String id = new String(Base64.getDecoder().decode(t.bystander().cookie("SESSION")), StandardCharsets.UTF_8);
			setCookie(t.browser(), t.app(), "SESSION", base64(id + "\u0000x"));
			return t.browser().getJson(t.app() + "/auth/user");
		});
		add("session cookie that is not base64", "names no signed-in session", (t) -> {
			setCookie(t.browser(), t.app(), "SESSION", "%%%not-base64%%%");
			return t.browser().get(t.app() + "/hello");
		});
		add("logout return with an unknown state", "unknown or used state",
				(t) -> t.browser().get(t.app() + "/auth/logged-out?state=" + UUID.randomUUID()));
		add("logout return with markup as state", "unknown or used state",
				(t) -> t.browser().get(t.app() + "/auth/logged-out?state=" + enc("<script>alert(1)</script>")));
	}

	private static Map<String, Object> logoutClaims() {
		Map<String, Object> claims = provider.logoutTokenClaims();
		claims.put("sub", "nobody-" + UUID.randomUUID());
		return claims;
	}

	private static HttpResponse<String> backChannel(String app, String providerId, String token) {
		try (Browser browser = new Browser()) {
			return send(browser, "POST", app + "/auth/backchannel-logout/" + providerId, Map.of("logout_token", token));
		}
	}

	private static HttpResponse<String> send(Browser browser, String method, String url, Map<String, String> form) {
		return form.isEmpty() ? browser.send(method, url, Map.of(), "") : browser.postForm(url, form);
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static void setCookie(Browser browser, String origin, String name, String value) {
		browser.plantCookie(URI.create(origin).getHost(), name, value);
	}

	private static List<String> flowRecords() {
		return bed.sessions().redis().keys(bed.keyPrefix() + "flow:*").stream().map((key) -> {
			String value = "string".equals(bed.sessions().redis().type(key)) ? bed.sessions().redis().get(key) : "";
			return (value != null) ? value : "";
		}).toList();
	}

	private static String onOther(String callback, Target t) {
		return Browser.onInstance(callback, t.other());
	}

	private static String param(String url, String name) {
		return Browser.queryParameters(url).get(name);
	}

	private static String with(String url, String name, String value) {
		Map<String, String> parameters = new LinkedHashMap<>(Browser.queryParameters(url));
		parameters.put(name, value);
		StringBuilder query = new StringBuilder();
		parameters
			.forEach((key, v) -> query.append(query.isEmpty() ? "?" : "&").append(key).append('=').append(enc(v)));
		return Browser.withoutQuery(url) + query;
	}

	private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
		Map<String, Object> changed = new HashMap<>(claims);
		changed.put(name, value);
		return changed;
	}

	private static JWTClaimsSet claimSet(Map<String, Object> claims) {
		try {
			return JWTClaimsSet.parse(claims);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	record Target(Browser browser, Browser bystander, String app, String other) {
	}

	@FunctionalInterface
	interface Request {

		HttpResponse<String> send(Target target);

	}

	@FunctionalInterface
	interface TokenSource {

		String token(Target target);

	}

	record Case(String name, @Nullable String logged, Request request) {
	}

}
