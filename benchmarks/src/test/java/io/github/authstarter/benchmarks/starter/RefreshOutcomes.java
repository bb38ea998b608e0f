package io.github.authstarter.benchmarks.starter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.github.authstarter.event.TokenRefreshOutcome;
import io.github.authstarter.event.TokensRefreshedEvent;

import org.springframework.context.event.EventListener;

/**
 * Counts each instance's refreshes by outcome from the starter's own events, so the
 * refresh benchmark can tell real grants from adopted ones.
 */
public final class RefreshOutcomes {

	private final Map<TokenRefreshOutcome, LongAdder> counts = new ConcurrentHashMap<>();

	@EventListener
	void on(TokensRefreshedEvent event) {
		this.counts.computeIfAbsent(event.outcome(), (outcome) -> new LongAdder()).increment();
	}

	/**
	 * How many refreshes ended with an outcome.
	 * @param outcome the outcome's tag, as the refresh metric names it
	 * @return the count so far
	 */
	public long count(String outcome) {
		return this.counts.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().tag().equals(outcome))
			.mapToLong((entry) -> entry.getValue().sum())
			.sum();
	}

}
