package io.github.authstarter.benchmarks.chaos;

import java.util.ArrayList;
import java.util.List;

import io.github.authstarter.benchmarks.chaos.Ledger.Event;
import io.github.authstarter.benchmarks.chaos.Ledger.Kind;

/**
 * The refresh-token reuses that a {@code kill -9} explains, told apart from any other.
 * <p>
 * Under rotation, an instance killed after the provider answered its refresh grant and
 * before it stored the answer takes the only copy of the new refresh token with it; the
 * session still holds the spent one, and the next refresh presents it again. So does a
 * grant answered as the Redis master dies: the answer cannot be stored. No client can
 * avoid that (the new tokens existed only in one process); only a provider's reuse grace
 * period (Okta's, Auth0's reuse interval) forgives it. Such a reuse is counted apart, as
 * asynchronous replication's losses are, when the grant that spent the token was in
 * flight as an instance was killed (it arrived before the kill and was answered at most
 * {@value #BEFORE_KILL_SECONDS} s before it, or after it) and the spent token came back
 * within {@value #PRESENTED_WITHIN_SECONDS} s of the instance's restart. Any other reuse
 * is a refresh that was not single-flight.
 *
 * @param explained the reuses a kill explains
 * @param unexplained the others
 */
record CutOffGrants(List<Reuse> explained, List<Reuse> unexplained) {

	/** How long before a kill an answered grant may still not have been stored. */
	static final double BEFORE_KILL_SECONDS = 2;

	/**
	 * How long after the killed instance is back the spent token is presented at the
	 * latest: once the dead holder's lock lease (15 s) lapsed, the session's next request
	 * that finds its token due refreshes it.
	 */
	static final double PRESENTED_WITHIN_SECONDS = 60;

	/**
	 * A spent token presented this soon after its grant was answered is a race between
	 * two refreshes, never a lost answer: the lost answer's session keeps the lock held
	 * by the dead holder, or meets Redis down, for seconds.
	 */
	static final double RACE_SECONDS = 1;

	static CutOffGrants of(List<String[]> reuses, Ledger ledger) {
		List<Reuse> explained = new ArrayList<>();
		List<Reuse> unexplained = new ArrayList<>();
		for (String[] line : reuses) {
			Reuse reuse = new Reuse(line[0], ledger.second(Long.parseLong(line[1])),
					ledger.second(Long.parseLong(line[2])), ledger.second(Long.parseLong(line[3])));
			boolean cutOff = ledger.faults().stream().anyMatch((window) -> cutOff(reuse, window));
			(cutOff ? explained : unexplained).add(reuse);
		}
		return new CutOffGrants(explained, unexplained);
	}

	/**
	 * Whether a fault explains a reuse: the grant that spent the token was answered at
	 * most {@value #BEFORE_KILL_SECONDS} s before the fault began, and arrived before an
	 * instance was killed (the answer died with it) or while the Redis master was down
	 * (the answer could not be stored); the spent token came back soon after, but not at
	 * once.
	 */
	private static boolean cutOff(Reuse reuse, FaultWindow window) {
		boolean arrived = switch (window.kind()) {
			case INSTANCE_KILLED -> reuse.received() <= window.start();
			case REDIS_MASTER_KILLED -> reuse.received() <= window.end();
			default -> false;
		};
		return arrived && reuse.retired() >= window.start() - BEFORE_KILL_SECONDS
				&& reuse.presented() - reuse.retired() >= RACE_SECONDS
				&& reuse.presented() <= window.end() + PRESENTED_WITHIN_SECONDS;
	}

	/** Whether a session lost is the one whose family an explained reuse revoked. */
	boolean explains(Event event) {
		return event.kind() == Kind.SESSION_LOST && this.explained.stream()
			.anyMatch((reuse) -> event.what().startsWith(reuse.user() + ":") && event.second() >= reuse.retired());
	}

	/**
	 * One reuse.
	 *
	 * @param user whose refresh token it was
	 * @param received when the grant that spent it arrived (second of the run)
	 * @param retired when that grant was answered
	 * @param presented when it was presented again
	 */
	record Reuse(String user, double received, double retired, double presented) {
	}

}
