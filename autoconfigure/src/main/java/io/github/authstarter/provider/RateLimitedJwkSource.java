package io.github.authstarter.provider;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.jspecify.annotations.Nullable;

import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestOperations;

/**
 * A provider's JSON Web Key Set, fetched when first needed, again once it is older than
 * its maximum age (a key the provider withdrew is not trusted for ever), and again for a
 * key it does not know at most once per interval. Anyone can send a token naming a
 * made-up key id (a back-channel logout is an anonymous POST), and Spring Security's own
 * key source would fetch the set again for each; here such a stream costs the provider at
 * most one request per interval, and a key missing from the trusted set in hand is not
 * found: the token is invalid, the provider is not down. Keys are reported as unavailable
 * only when no trusted set can be had: never fetched, expired, or the last fetch failed
 * (a rotation while the provider's key service is down is not a forgery); a failed fetch
 * is retried at most once per interval. The first fetch, and one that replaces an expired
 * set, do not count against the interval, so a rotation right after them is still found
 * at once.
 */
final class RateLimitedJwkSource implements JWKSource<SecurityContext> {

	private final Shared shared;

	private final String uri;

	private final RestOperations http;

	private final Duration interval;

	private final Duration maxAge;

	private final Clock clock;

	/**
	 * The last fetch that counts against the interval: one for an unknown key, or one
	 * that failed.
	 */
	private volatile @Nullable Instant lastRefetch;

	private volatile boolean lastRefetchFailed;

	RateLimitedJwkSource(String uri, RestOperations http, Duration interval, Duration maxAge, Clock clock) {
		this(new Shared(), uri, http, interval, maxAge, clock);
	}

	private RateLimitedJwkSource(Shared shared, String uri, RestOperations http, Duration interval, Duration maxAge,
			Clock clock) {
		this.shared = shared;
		this.uri = uri;
		this.http = http;
		this.interval = interval;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	/**
	 * The same key set with a refetch allowance of its own: tokens anyone can send (a
	 * back-channel logout) take one lane, tokens received from the provider's token
	 * endpoint another, so a stream of made-up key ids cannot keep a key the provider
	 * just rotated in from being fetched for its own tokens.
	 * @return a source sharing this one's keys and fetches
	 */
	RateLimitedJwkSource anotherLane() {
		return new RateLimitedJwkSource(this.shared, this.uri, this.http, this.interval, this.maxAge, this.clock);
	}

	@Override
	public List<JWK> get(JWKSelector selector, @Nullable SecurityContext context) throws KeySourceException {
		Fetched known = this.shared.keys;
		if (known != null && trusted(known, this.clock.instant())) {
			List<JWK> matches = selector.select(known.set());
			if (!matches.isEmpty()) {
				return matches;
			}
		}
		return selector.select(fetchAgain(known));
	}

	String uri() {
		return this.uri;
	}

	private boolean trusted(Fetched fetched, Instant now) {
		return now.isBefore(fetched.at().plus(this.maxAge));
	}

	private JWKSet fetchAgain(@Nullable Fetched seen) throws KeySourceException {
		// one fetch at a time: a burst of unknown keys waits for it instead of
		// sending its own
		this.shared.fetching.lock();
		try {
			Instant now = this.clock.instant();
			Fetched current = this.shared.keys;
			boolean inHand = current != null && trusted(current, now);
			if (inHand && current != seen) {
				return current.set();
			}
			Instant last = this.lastRefetch;
			boolean waiting = last != null && now.isBefore(last.plus(this.interval));
			if (waiting && this.lastRefetchFailed) {
				throw unavailable("The last fetch failed less than " + this.interval + " ago", null);
			}
			if (inHand && waiting) {
				return current.set();
			}
			return fetch(now, inHand);
		}
		finally {
			this.shared.fetching.unlock();
		}
	}

	private JWKSet fetch(Instant now, boolean forUnknownKey) throws KeySetUnavailableException {
		if (forUnknownKey) {
			this.lastRefetch = now;
		}
		try {
			JWKSet fetched = JWKSet.parse(body());
			this.shared.keys = new Fetched(fetched, now);
			this.lastRefetchFailed = false;
			return fetched;
		}
		catch (KeySetUnavailableException | ParseException ex) {
			this.lastRefetch = now;
			this.lastRefetchFailed = true;
			throw (ex instanceof KeySetUnavailableException failure) ? failure
					: unavailable("The provider's key set is not a JWK set", ex);
		}
	}

	private String body() throws KeySetUnavailableException {
		try {
			String body = this.http.getForObject(this.uri, String.class);
			if (body == null) {
				throw unavailable("The provider's key set was empty", null);
			}
			return body;
		}
		catch (RestClientException ex) {
			throw unavailable("The provider's key set could not be fetched: " + ex.getClass().getSimpleName(), ex);
		}
	}

	private KeySetUnavailableException unavailable(String message, @Nullable Throwable cause) {
		return new KeySetUnavailableException(message, cause, this.maxAge);
	}

	private record Fetched(JWKSet set, Instant at) {
	}

	/** What the lanes of one key set share: the keys in hand, and one fetch at a time. */
	private static final class Shared {

		private final ReentrantLock fetching = new ReentrantLock();

		private volatile @Nullable Fetched keys;

	}

}
