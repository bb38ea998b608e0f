package io.github.authstarter.benchmarks.chaos;

import java.util.IdentityHashMap;
import java.util.Map;

import io.github.authstarter.test.server.Browser;
import org.jspecify.annotations.Nullable;

/**
 * A user's browsers whose sign-out got no answer or a 503. Such a sign-out may still have
 * taken effect: an instance paused or killed after it deleted the session, or a Redis
 * command that ran after the request gave up, ends the session without saying so. A
 * signed-out answer shortly after is that sign-out, not a lost session; it is counted
 * apart.
 */
final class SignOutsInDoubt {

	/**
	 * How long after a sign-out without a definite answer it may still take effect: past
	 * the longest pause, and past the moment Redis answers again after a failover.
	 */
	private static final double DOUBT_SECONDS = 30;

	private final Ledger ledger;

	/** Until when (ledger seconds) each browser's sign-out may take effect. */
	private final Map<Browser, Double> until = new IdentityHashMap<>();

	SignOutsInDoubt(Ledger ledger) {
		this.ledger = ledger;
	}

	/**
	 * Notes sign-outs whose outcome is unknown.
	 * @param browsers the browsers they may have signed out
	 */
	synchronized void add(@Nullable Browser... browsers) {
		for (Browser browser : browsers) {
			if (browser != null) {
				this.until.put(browser, this.ledger.now() + DOUBT_SECONDS);
			}
		}
	}

	/**
	 * Whether a browser found signed out may have been signed out by its own sign-out
	 * whose answer was lost; it is doubted no more either way.
	 * @param browser the browser
	 * @return whether such a sign-out was sent shortly before
	 */
	synchronized boolean explains(Browser browser) {
		Double deadline = this.until.remove(browser);
		return deadline != null && this.ledger.now() <= deadline;
	}

}
