package io.github.authstarter.benchmarks.chaos;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.github.authstarter.benchmarks.chaos.Ledger.Kind;
import io.github.authstarter.test.server.Browser;
import org.jspecify.annotations.Nullable;

/**
 * One user of the load, looping with random think times: signs in (each hop on a random
 * instance), browses pages and JSON endpoints (some as a page's parallel calls, each to
 * another instance), calls the downstream API, forces a refresh, signs in on a second
 * device and ends it from the first, signs out, and is signed out by the provider's
 * back-channel logout. Whatever signs it out, it checks that no instance still serves the
 * session a second later; a signed-in request answered as signed out that it did not
 * cause is a lost session.
 */
final class VirtualUser implements Runnable {

	private final String username;

	private final ChaosSystem system;

	private final Ledger ledger;

	private final BooleanSupplier running;

	private final LoginWalk walk;

	private final Executor calls;

	/** The mean think time: each pause is between half and one and a half of it. */
	private final long thinkMillis;

	private @Nullable Browser device;

	private @Nullable Browser second;

	private final SignOutsInDoubt inDoubt;

	VirtualUser(String username, ChaosSystem system, Ledger ledger, BooleanSupplier running, Executor calls,
			long thinkMillis) {
		this.username = username;
		this.thinkMillis = thinkMillis;
		this.calls = calls;
		this.system = system;
		this.ledger = ledger;
		this.inDoubt = new SignOutsInDoubt(ledger);
		this.running = running;
		this.walk = new LoginWalk(system, ledger);
	}

	@Override
	public void run() {
		// users arrive over the first seconds, not all at once
		ChaosSystem.sleep(ThreadLocalRandom.current().nextLong(5000 + this.thinkMillis));
		while (this.running.getAsBoolean()) {
			try {
				step();
			}
			catch (RuntimeException ex) {
				this.ledger.count("virtual user errors: " + ex.getClass().getSimpleName());
				this.device = null;
				this.second = null;
			}
			ChaosSystem.sleep(this.thinkMillis / 2 + ThreadLocalRandom.current().nextLong(this.thinkMillis + 1));
		}
	}

	private void step() {
		Browser signedIn = this.device;
		if (signedIn == null) {
			this.device = this.walk.signIn(this.username, "logins");
			return;
		}
		int roll = ThreadLocalRandom.current().nextInt(100);
		if (roll < 15) {
			use(signedIn, "/hello", false);
		}
		else if (roll < 30) {
			burst(signedIn);
		}
		else if (roll < 45) {
			use(signedIn, "/auth/user", true);
		}
		else if (roll < 55) {
			use(signedIn, "/api/token", true);
		}
		else if (roll < 75) {
			use(signedIn, "/api/downstream", true);
		}
		else if (roll < 81) {
			forceRefresh(signedIn);
		}
		else if (roll < 86) {
			useSecondDevice();
		}
		else if (roll < 90) {
			endOtherSessions(signedIn);
		}
		else if (roll < 95) {
			signOut(signedIn);
		}
		else {
			backChannelLogout();
		}
	}

	/** A signed-in request; a signed-out answer is a lost session. */
	private void use(Browser browser, String path, boolean json) {
		int instance = this.system.anyUp();
		HttpResponse<String> answer = this.walk.send(browser, instance, "GET", path, json);
		if (answer == null) {
			return;
		}
		int status = answer.statusCode();
		if (status == 200) {
			this.ledger.count("signed-in requests");
			if (!answersFor(path, answer.body())) {
				this.ledger.event(Kind.WRONG_USER, this.username + ": " + path + " on instance " + instance);
			}
		}
		else if (status == 401 || (status == 302 && Browser.location(answer).contains("/auth/login"))) {
			lost(browser, path + " on instance " + instance + " answered " + status + " " + said(answer));
		}
		else if (status != 503) {
			unexpected(status, path, instance);
		}
	}

	/**
	 * What a signed-out answer said, for telling a session Redis no longer holds from one
	 * the starter ended: the redirect's target or the error's body (never a token).
	 */
	private static String said(HttpResponse<String> answer) {
		String body = answer.body();
		String what = (answer.statusCode() == 302) ? Browser.location(answer) : body;
		return (what.length() > 200) ? what.substring(0, 200) : what;
	}

	/** Whether a signed-in answer is this user's, where it names the user. */
	private boolean answersFor(String path, String body) {
		return switch (path) {
			case "/hello" -> body.equals("hello " + this.username);
			case "/api/downstream" -> body.equals("orders of " + this.username);
			case "/auth/user" -> body.contains("\"subject\":\"" + this.username + "\"");
			default -> true;
		};
	}

	private void unexpected(int status, String what, int instance) {
		this.ledger.event(Kind.UNEXPECTED,
				this.username + ": " + what + " on instance " + instance + " answered " + status);
	}

	/**
	 * A page that fires its calls at once, each to a random instance: when the token is
	 * due, they race to refresh it, and only one may.
	 */
	private void burst(Browser browser) {
		CompletableFuture<?>[] calls = Stream.of("/api/token", "/api/downstream", "/auth/user")
			.map((path) -> CompletableFuture.runAsync(() -> use(browser, path, true), this.calls))
			.toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(calls).join();
		this.ledger.count("bursts of 3 parallel calls");
	}

	private void forceRefresh(Browser browser) {
		int instance = this.system.anyUp();
		this.ledger.count("forced refreshes sent");
		HttpResponse<String> answer = this.walk.send(browser, instance, "POST", "/auth/refresh", true);
		if (answer == null) {
			return;
		}
		if (answer.statusCode() == 200) {
			this.ledger.count("forced refreshes");
		}
		else if (answer.statusCode() == 401) {
			lost(browser, "POST /auth/refresh on instance " + instance + " answered 401 " + said(answer));
		}
		else if (answer.statusCode() != 503) {
			unexpected(answer.statusCode(), "POST /auth/refresh", instance);
		}
	}

	private void useSecondDevice() {
		Browser other = this.second;
		if (other == null) {
			this.second = this.walk.signIn(this.username, "second-device logins");
		}
		else {
			use(other, "/hello", false);
		}
	}

	private void endOtherSessions(Browser browser) {
		Browser other = this.second;
		if (other == null) {
			use(browser, "/auth/sessions", true);
			return;
		}
		int instance = this.system.anyUp();
		HttpResponse<String> answer = this.walk.send(browser, instance, "POST", "/auth/sessions/others/end", true);
		if (answer != null && answer.statusCode() == 200) {
			this.ledger.count("other sessions ended");
			this.walk.awaitSignedOut(other, "end other sessions");
			this.second = null;
		}
		else if (answer == null || answer.statusCode() == 503) {
			this.inDoubt.add(other);
		}
		else {
			unexpected(answer.statusCode(), "POST /auth/sessions/others/end", instance);
		}
	}

	private void signOut(Browser browser) {
		int instance = this.system.anyUp();
		String session = browser.cookie("SESSION");
		HttpResponse<String> answer = this.walk.send(browser, instance, "POST", "/auth/logout", false);
		if (answer != null && answer.statusCode() == 302) {
			this.ledger.count("logouts");
			if (session != null) {
				// the logout expired the cookie, so the browser dropped it: the old value
				// is what a copy of the cookie (another tab, a thief) would still send
				browser.plantCookie("127.0.0.1", "SESSION", session);
			}
			this.walk.awaitSignedOut(browser, "logout");
			this.device = null;
		}
		else if (answer == null || answer.statusCode() == 503) {
			this.inDoubt.add(browser);
		}
		else {
			unexpected(answer.statusCode(), "POST /auth/logout", instance);
		}
	}

	private void backChannelLogout() {
		int instance = this.system.anyUp();
		double sent = this.ledger.now();
		String[] answer = this.system
			.control("POST", "/backchannel?sub=" + this.username + "&target=" + this.system.url(instance))
			.split(" ");
		int status = answer[0].isEmpty() ? 0 : Integer.parseInt(answer[0]);
		if (status == 0) {
			this.ledger.noAnswer("POST /auth/backchannel-logout on instance " + instance);
			this.inDoubt.add(this.device, this.second);
			return;
		}
		this.ledger.answer("POST /auth/backchannel-logout", status, answer.length > 1, sent);
		if (status == 503) {
			this.inDoubt.add(this.device, this.second);
			return;
		}
		if (status != 200) {
			unexpected(status, "POST /auth/backchannel-logout", instance);
			return;
		}
		this.ledger.count("back-channel logouts");
		for (Browser browser : new Browser[] { this.device, this.second }) {
			if (browser != null) {
				this.walk.awaitSignedOut(browser, "back-channel logout via instance " + instance);
			}
		}
		this.device = null;
		this.second = null;
	}

	private synchronized void lost(Browser browser, String where) {
		if (browser != this.device && browser != this.second) {
			// another call of the same burst saw it first
			return;
		}
		if (this.inDoubt.explains(browser)) {
			this.ledger.event(Kind.SIGNED_OUT_BY_UNANSWERED_SIGN_OUT, this.username + ": " + where);
		}
		else {
			this.ledger.event(Kind.SESSION_LOST, this.username + ": " + where + "; Redis: "
					+ this.system.whereIs(browser.cookie("SESSION"), this.username));
		}
		if (browser == this.device) {
			this.device = null;
		}
		else {
			this.second = null;
		}
	}

}
