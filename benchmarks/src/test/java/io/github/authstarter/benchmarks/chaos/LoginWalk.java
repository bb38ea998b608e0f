package io.github.authstarter.benchmarks.chaos;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.authstarter.benchmarks.chaos.Ledger.Kind;
import io.github.authstarter.test.server.Browser;
import org.jspecify.annotations.Nullable;

/**
 * The requests a user's browser sends: each recorded in the ledger; a whole sign-in with
 * every hop on a random instance; and the check that a session signed out is signed out
 * on every instance within a second.
 */
final class LoginWalk {

	/** How long after a logout an instance may still serve its session. */
	static final double LOGOUT_SECONDS = 1.0;

	/** The user a signed-in answer of {@code /auth/user} names. */
	private static final Pattern SUBJECT = Pattern.compile("\"subject\":\"([^\"]+)\"");

	private final ChaosSystem system;

	private final Ledger ledger;

	LoginWalk(ChaosSystem system, Ledger ledger) {
		this.system = system;
		this.ledger = ledger;
	}

	/**
	 * Signs a user in on a new browser: the login start, the callback and the first page
	 * each on a random instance.
	 * @param username the user at the provider
	 * @param what the count of successful sign-ins to add to
	 * @return the signed-in browser, or {@code null} when a hop failed (counted)
	 */
	@Nullable Browser signIn(String username, String what) {
		Browser browser = new Browser();
		HttpResponse<String> start = send(browser, this.system.anyUp(), "GET", "/auth/login/test", false);
		if (start == null || start.statusCode() != 302) {
			return failed("login start", start);
		}
		String callback;
		try {
			HttpResponse<String> authorize = browser.get(Browser.location(start));
			String next = Browser.location(authorize);
			if (next.contains("/login") && !next.contains("/oauth2/code/")) {
				HttpResponse<String> signedIn = browser.signInAtProvider(next, username);
				next = Browser.location(browser.get(Browser.location(signedIn)));
			}
			callback = next;
		}
		catch (RuntimeException ex) {
			// the provider stopped, or refused: not the application's answer
			String why = String.valueOf(ex.getMessage());
			this.ledger.count("logins failed at the provider: " + why.substring(0, Math.min(why.length(), 48)));
			return null;
		}
		int instance = this.system.anyUp();
		HttpResponse<String> landing = send(browser, instance, "GET",
				Browser.onInstance(callback, this.system.url(instance)), false);
		if (landing == null || landing.statusCode() != 302 || Browser.location(landing).contains("error")) {
			return failed("callback", landing);
		}
		HttpResponse<String> page = send(browser, this.system.anyUp(), "GET", "/hello", false);
		if (page == null || page.statusCode() != 200) {
			return failed("first page", page);
		}
		this.ledger.count(what);
		String session = browser.cookie("SESSION");
		if (session != null) {
			this.ledger.session(session);
		}
		return browser;
	}

	private @Nullable Browser failed(String hop, @Nullable HttpResponse<String> answer) {
		String why = (answer != null) ? String.valueOf(answer.statusCode()) : "no answer";
		if (answer != null && answer.statusCode() == 302) {
			why = "302 to " + Browser.withoutQuery(Browser.location(answer)) + " "
					+ Browser.queryParameters(Browser.location(answer)).getOrDefault("error", "");
		}
		this.ledger.event(Kind.LOGIN_FAILED, hop + ": " + why);
		this.ledger.count("sign-ins failed at the " + hop + ": " + why);
		return null;
	}

	/**
	 * Sends a request to an instance and records its answer.
	 * @param browser the browser
	 * @param instance the instance
	 * @param method {@code GET} or {@code POST} (with the CSRF token)
	 * @param pathOrUrl a path, or a whole URL already on the instance
	 * @param json whether to ask for JSON
	 * @return the answer, or {@code null} when there was none (recorded)
	 */
	@Nullable HttpResponse<String> send(Browser browser, int instance, String method, String pathOrUrl, boolean json) {
		String url = pathOrUrl.startsWith("http") ? pathOrUrl : this.system.url(instance) + pathOrUrl;
		String what = method + " " + Browser.withoutQuery(pathOrUrl.startsWith("http")
				? pathOrUrl.substring(pathOrUrl.indexOf('/', "http://".length())) : pathOrUrl);
		double sent = this.ledger.now();
		try {
			HttpResponse<String> answer;
			if (method.equals("POST")) {
				answer = browser.postWithCsrf(url, json);
			}
			else {
				Map<String, String> headers = new LinkedHashMap<>();
				headers.put("Accept", json ? "application/json" : "text/html");
				answer = browser.send("GET", url, headers, null);
			}
			this.ledger.answer(what, answer.statusCode(), answer.headers().firstValue("Retry-After").isPresent(), sent);
			return answer;
		}
		catch (UncheckedIOException ex) {
			this.ledger.noAnswer(what + " on instance " + instance);
			return null;
		}
	}

	/**
	 * Checks that no instance serves a session signed out a moment ago once a second has
	 * passed: each instance up is asked until it answers 401; a 200 to a request sent
	 * after the second is a logout not seen.
	 * @param browser the signed-out browser
	 * @param what what signed it out
	 */
	/** Where Redis holds the session a signed-in answer came from, its index included. */
	private String whereIs(Browser browser, String body) {
		Matcher subject = SUBJECT.matcher(body);
		return this.system.whereIs(browser.cookie("SESSION"), subject.find() ? subject.group(1) : null);
	}

	void awaitSignedOut(Browser browser, String what) {
		double deadline = this.ledger.now() + LOGOUT_SECONDS;
		boolean everywhere = true;
		for (int instance : this.system.upInstances()) {
			while (true) {
				double sent = this.ledger.now();
				HttpResponse<String> answer = send(browser, instance, "GET", "/auth/user", true);
				if (answer != null && answer.statusCode() == 401) {
					break;
				}
				if (answer != null && answer.statusCode() == 200 && sent > deadline) {
					String body = answer.body().replaceAll("\\s+", " ");
					this.ledger.event(Kind.LOGOUT_NOT_SEEN,
							"%s: instance %d answered a request sent %.2f s after it (%s): %s".formatted(what, instance,
									sent - deadline + LOGOUT_SECONDS, whereIs(browser, body),
									body.substring(0, Math.min(160, body.length()))));
					everywhere = false;
					break;
				}
				if (sent > deadline) {
					// no answer, or a 503, past the second: it served nothing
					this.ledger.count("logout checks without an answer");
					everywhere = false;
					break;
				}
				ChaosSystem.sleep(50);
			}
		}
		if (everywhere) {
			this.ledger.count("logouts seen on every instance");
		}
		this.ledger.count("logout checks");
	}

}
