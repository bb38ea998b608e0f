package io.github.authstarter.benchmarks.chaos;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.github.authstarter.benchmarks.chaos.FaultWindow.Fault;
import io.github.authstarter.benchmarks.chaos.Ledger.Event;
import io.github.authstarter.benchmarks.chaos.Ledger.Kind;

/**
 * The invariants, judged on the whole run: one line each, and the figures behind them.
 *
 * @param invariants each invariant's verdict, in order
 * @param figures the run's figures, in order, as label and value
 * @param ledger what the load saw
 * @param elapsed how long the load ran, in seconds
 */
public record Verdict(List<Invariant> invariants, List<String[]> figures, Ledger ledger, double elapsed) {

	static Verdict judge(ChaosSoak.Options options, Ledger ledger, HeapSamples heap, Map<String, Long> provider,
			CutOffGrants cutOff, DownstreamApi downstream, LogScan logs, double elapsed) {
		List<Event> events = ledger.events();
		List<FaultWindow> faults = ledger.faults();
		List<Invariant> invariants = new ArrayList<>();
		Predicate<Event> outside = (event) -> !ledger.inFault(event.second());
		long serverErrors = count(events, Kind.SERVER_ERROR, (event) -> true);
		long withoutRetryAfter = count(events, Kind.UNAVAILABLE_WITHOUT_RETRY_AFTER, (event) -> true);
		long unavailableOutside = count(events, Kind.UNAVAILABLE, outside);
		long unavailable = count(events, Kind.UNAVAILABLE, (event) -> true);
		long unansweredOutside = count(events, Kind.NO_ANSWER, outside);
		long unanswered = count(events, Kind.NO_ANSWER, (event) -> true);
		invariants.add(new Invariant("no 5xx but 503 with Retry-After in fault windows",
				serverErrors == 0 && withoutRetryAfter == 0 && unavailableOutside == 0 && unansweredOutside == 0,
				"%d other 5xx, %d 503 without Retry-After, %d 503 in windows and %d outside (grace %.0f s), %d requests unanswered in windows and %d outside%s"
					.formatted(serverErrors, withoutRetryAfter, unavailable - unavailableOutside, unavailableOutside,
							FaultWindow.GRACE_SECONDS, unanswered - unansweredOutside, unansweredOutside,
							first(events,
									(event) -> event.kind() == Kind.SERVER_ERROR
											|| event.kind() == Kind.UNAVAILABLE_WITHOUT_RETRY_AFTER
											|| (event.kind() != Kind.SESSION_LOST
													&& event.kind() != Kind.SIGNED_OUT_BY_UNANSWERED_SIGN_OUT
													&& event.kind() != Kind.LOGIN_FAILED
													&& event.kind() != Kind.LOGOUT_NOT_SEEN && outside.test(event))))));
		Predicate<Event> replicationLoss = (event) -> faults.stream()
			.anyMatch((window) -> window.kind() == Fault.REDIS_MASTER_KILLED && window.lostBytes() > 0
					&& window.covers(event.second()));
		Predicate<Event> explained = replicationLoss.or(cutOff::explains);
		long lost = count(events, Kind.SESSION_LOST, explained.negate());
		invariants.add(new Invariant("0 acknowledged sessions lost", lost == 0,
				"%d lost; apart: %d lost to asynchronous replication (bytes written to a killed master that the promoted replica never had: %s), %d whose refresh grant's answer a kill -9 kept from being stored, %d signed out by their own sign-out whose answer was lost (no answer or 503) within 30 s before%s"
					.formatted(lost, count(events, Kind.SESSION_LOST, replicationLoss), lostBytes(faults),
							count(events, Kind.SESSION_LOST, cutOff::explains),
							count(events, Kind.SIGNED_OUT_BY_UNANSWERED_SIGN_OUT, (event) -> true),
							first(events, (event) -> event.kind() == Kind.SESSION_LOST && !explained.test(event)))));
		long grants = provider.getOrDefault("refreshGrants", -1L);
		long accepted = provider.getOrDefault("acceptedRefreshGrants", -1L);
		long early = provider.getOrDefault("earlyRefreshGrants", -1L);
		long reuses = provider.getOrDefault("refreshTokenReuses", -1L);
		long revoked = provider.getOrDefault("revokedFamilies", -1L);
		long forcedSent = ledger.countOf("forced refreshes sent");
		int cutOffs = cutOff.explained().size();
		invariants.add(new Invariant("every refresh single-flight",
				cutOff.unexplained().isEmpty() && reuses == cutOffs && revoked <= cutOffs && early <= forcedSent
						&& grants > 0,
				"%d refresh grants at the provider (%d accepted, %d refused; reuses are refused before they count): %d replaced a token due for refresh (at most one each: a second would be a reuse), %d earlier, against %d forced refreshes sent; %d refresh tokens reused, %d families revoked; apart: %d reuses of a token whose rotating grant's answer a kill -9 (of its instance, or of the Redis master) kept from being stored %s%s"
					.formatted(grants, accepted, grants - accepted, accepted - early, early, forcedSent,
							reuses - cutOffs, revoked - Math.min(revoked, cutOffs), cutOffs, cutOff.explained(),
							cutOff.unexplained().isEmpty() ? ""
									: "; first unexplained: " + cutOff.unexplained().get(0))));
		long notSeen = count(events, Kind.LOGOUT_NOT_SEEN, (event) -> true);
		invariants.add(new Invariant("every logout seen by every instance within 1 s",
				notSeen == 0 && ledger.countOf("logout checks") > 0,
				"%d signed-out browsers checked on every instance up (after %d logouts, %d back-channel logouts, each checking both of a user's devices, and %d second devices ended), %d still served after 1 s, %d checks without an answer%s"
					.formatted(ledger.countOf("logout checks"), ledger.countOf("logouts"),
							ledger.countOf("back-channel logouts"), ledger.countOf("other sessions ended"), notSeen,
							ledger.countOf("logout checks without an answer"),
							first(events, (event) -> event.kind() == Kind.LOGOUT_NOT_SEEN))));
		invariants.add(new Invariant("0 tokens or secrets in any log", logs.findings().isEmpty(),
				"%d lines in %d logs, %d findings%s".formatted(logs.lines(), logs.files(), logs.findings().size(),
						logs.findings().isEmpty() ? "" : ", first " + logs.findings().get(0))));
		invariants.add(heap(options, heap));
		invariants.add(new Invariant("the downstream API never got an expired or bad token",
				downstream.expired() == 0 && downstream.invalid() == 0 && downstream.accepted() > 0,
				"%d calls accepted, %d expired tokens, %d bad".formatted(downstream.accepted(), downstream.expired(),
						downstream.invalid())));
		long failedOutside = count(events, Kind.LOGIN_FAILED, outside);
		invariants.add(new Invariant("every sign-in outside fault windows succeeds", failedOutside == 0,
				"%d sign-ins, %d failed in windows, %d outside%s".formatted(ledger.countOf("logins"),
						count(events, Kind.LOGIN_FAILED, (event) -> true) - failedOutside, failedOutside,
						first(events, (event) -> event.kind() == Kind.LOGIN_FAILED && outside.test(event)))));
		long wrongUser = count(events, Kind.WRONG_USER, (event) -> true);
		invariants.add(new Invariant("every signed-in answer is the user's own", wrongUser == 0,
				"%d answers named another user%s".formatted(wrongUser,
						first(events, (event) -> event.kind() == Kind.WRONG_USER))));
		long unexpected = count(events, Kind.UNEXPECTED, (event) -> true);
		invariants.add(new Invariant("no unexpected answers", unexpected == 0,
				"%d answers no step expects (a 4xx other than a sign-out's 401)%s".formatted(unexpected,
						first(events, (event) -> event.kind() == Kind.UNEXPECTED))));
		Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
		faults.forEach((window) -> injected.merge(window.kind(), 1, Integer::sum));
		invariants.add(new Invariant("every fault injected",
				injected.size() == Fault.values().length && ledger.countOf("pauses without a held lock") == 0,
				"%s; pauses without a held lock: %d".formatted(injected,
						ledger.countOf("pauses without a held lock"))));
		return new Verdict(invariants, Figures.of(ledger, provider, downstream, elapsed), ledger, elapsed);
	}

	private static Invariant heap(ChaosSoak.Options options, HeapSamples heap) {
		List<String> details = new ArrayList<>();
		boolean flat = true;
		boolean measured = false;
		for (int instance = 0; instance < ChaosSystem.INSTANCES; instance++) {
			HeapSamples.Flatness flatness = heap.flatness(instance);
			if (flatness == null) {
				details.add("instance " + instance + ": too few samples after warm-up");
				continue;
			}
			measured |= instance == 0;
			flat &= flatness.flat();
			details.add("instance %d: last %.1f MiB, median %.1f MiB (%d samples)".formatted(instance,
					flatness.last() / 1024, flatness.median() / 1024, flatness.samples()));
		}
		boolean required = options.seconds() >= 600;
		return new Invariant("heap after GC flat after warm-up (last within 10 % of the median)",
				flat && (measured || !required),
				(required ? "" : "not judged under 10 minutes; ") + String.join("; ", details));
	}

	private static String lostBytes(List<FaultWindow> faults) {
		return faults.stream()
			.filter((window) -> window.kind() == Fault.REDIS_MASTER_KILLED)
			.map((window) -> String.valueOf(window.lostBytes()))
			.reduce((a, b) -> a + ", " + b)
			.map((bytes) -> "[" + bytes + "]")
			.orElse("none");
	}

	private static long count(List<Event> events, Kind kind, Predicate<Event> which) {
		return events.stream().filter((event) -> event.kind() == kind && which.test(event)).count();
	}

	private static String first(List<Event> events, Predicate<Event> which) {
		return events.stream()
			.filter(which)
			.findFirst()
			.map((event) -> "; first at %.1f s: %s %s".formatted(event.second(), event.kind(), event.what()))
			.orElse("");
	}

	public boolean passed() {
		return this.invariants.stream().allMatch(Invariant::holds);
	}

	/** One line per invariant, as the command prints them. */
	public List<String> lines() {
		return this.invariants.stream()
			.map((invariant) -> (invariant.holds() ? "PASS  " : "FAIL  ") + invariant.name() + ": "
					+ invariant.details())
			.toList();
	}

	/**
	 * One invariant's verdict.
	 *
	 * @param name what must hold
	 * @param holds whether it held
	 * @param details the figures it was judged on
	 */
	public record Invariant(String name, boolean holds, String details) {
	}

}
