package io.github.authstarter.provider;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.jspecify.annotations.Nullable;

import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestOperations;

/**
 * A provider's JSON Web Key Set, fetched when first needed and fetched again only for a
 * key it does not know, at most once per interval. Anyone can send a token naming a
 * made-up key id (a back-channel logout is an anonymous POST), and Spring Security's own
 * key source would fetch the set again for each; here such a stream costs the provider at
 * most one request per interval. The first fetch does not count against the interval, so
 * a rotation right after start-up is still found at once. A key asked for while the set
 * may not be fetched again is reported as unavailable, not as unknown, so a genuine
 * rotation is retried, never taken for a forgery; a failed first fetch is retried at most
 * once per interval too.
 */
final class RateLimitedJwkSource implements JWKSource<SecurityContext> {

	private final String uri;

	private final RestOperations http;

	private final Duration interval;

	private final Clock clock;

	private final ReentrantLock fetching = new ReentrantLock();

	private volatile @Nullable JWKSet keys;

	private volatile @Nullable Instant lastRefetch;

	private volatile @Nullable Instant lastFailedFirstFetch;

	RateLimitedJwkSource(String uri, RestOperations http, Duration interval, Clock clock) {
		this.uri = uri;
		this.http = http;
		this.interval = interval;
		this.clock = clock;
	}

	@Override
	public List<JWK> get(JWKSelector selector, @Nullable SecurityContext context) throws KeySourceException {
		JWKSet known = this.keys;
		if (known != null) {
			List<JWK> matches = selector.select(known);
			if (!matches.isEmpty()) {
				return matches;
			}
		}
		return selector.select(fetchAgain(known));
	}

	String uri() {
		return this.uri;
	}

	private JWKSet fetchAgain(@Nullable JWKSet seen) throws KeySourceException {
		// one fetch at a time: a burst of unknown keys waits for it instead of
		// sending its own
		this.fetching.lock();
		try {
			JWKSet current = this.keys;
			if (current != null && current != seen) {
				return current;
			}
			Instant now = this.clock.instant();
			Instant last = (current != null) ? this.lastRefetch : this.lastFailedFirstFetch;
			if (last != null && now.isBefore(last.plus(this.interval))) {
				throw new RemoteKeySourceException(
						"The key set was fetched less than " + this.interval + " ago; not fetching it again yet", null);
			}
			if (current != null) {
				this.lastRefetch = now;
			}
			try {
				JWKSet fetched = JWKSet.parse(body());
				this.keys = fetched;
				return fetched;
			}
			catch (RemoteKeySourceException | ParseException ex) {
				if (current == null) {
					this.lastFailedFirstFetch = now;
				}
				throw ex;
			}
		}
		catch (ParseException ex) {
			throw new RemoteKeySourceException("The provider's key set is not a JWK set", ex);
		}
		finally {
			this.fetching.unlock();
		}
	}

	private String body() throws RemoteKeySourceException {
		try {
			String body = this.http.getForObject(this.uri, String.class);
			if (body == null) {
				throw new RemoteKeySourceException("The provider's key set was empty", null);
			}
			return body;
		}
		catch (RestClientException ex) {
			throw new RemoteKeySourceException(
					"The provider's key set could not be fetched: " + ex.getClass().getSimpleName(), ex);
		}
	}

}
