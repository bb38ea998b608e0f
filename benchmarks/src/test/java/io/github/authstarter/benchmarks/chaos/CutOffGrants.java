package io.github.authstarter.benchmarks.chaos;

import java.util.ArrayList;
import java.util.List;

import io.github.authstarter.benchmarks.chaos.FaultWindow.Fault;
import io.github.authstarter.benchmarks.chaos.Ledger.Event;
import io.github.authstarter.benchmarks.chaos.Ledger.Kind;

/**
 * The refresh-token reuses that a {@code kill -9} explains, told apart from any other.
 * <p>
 * Under rotation, an instance killed after the provider answered its refresh grant and
 * before it stored the answer takes the only copy of the new refresh token with it; the
 * session still holds the spent one, and the next refresh presents it again. No client
 * can avoid that (the new tokens existed only in the dead process); only a provider's
 * reuse grace period (Okta's, Auth0's reuse interval) forgives it. Such a reuse is
 * counted apart, as asynchronous replication's losses are, when the grant that spent the
 * token was answered in the {@value #BEFORE_KILL_SECONDS} s before an instance was
 * killed. Any other reuse is a refresh that was not single-flight.
 *
 * @param explained the reuses a kill explains
 * @param unexplained the others
 */
record CutOffGrants(List<Reuse> explained, List<Reuse> unexplained) {

	/**
	 * How long before a kill a grant's answer may have been on its way to the dead
	 * instance.
	 */
	static final double BEFORE_KILL_SECONDS = 2;

	static CutOffGrants of(List<String[]> reuses, Ledger ledger) {
		List<Reuse> explained = new ArrayList<>();
		List<Reuse> unexplained = new ArrayList<>();
		for (String[] line : reuses) {
			Reuse reuse = new Reuse(line[0], ledger.second(Long.parseLong(line[1])),
					ledger.second(Long.parseLong(line[2])), ledger.second(Long.parseLong(line[3])));
			boolean killed = ledger.faults()
				.stream()
				.anyMatch((window) -> window.kind() == Fault.INSTANCE_KILLED && reuse.received() <= window.start()
						&& reuse.retired() >= window.start() - BEFORE_KILL_SECONDS);
			(killed ? explained : unexplained).add(reuse);
		}
		return new CutOffGrants(explained, unexplained);
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
