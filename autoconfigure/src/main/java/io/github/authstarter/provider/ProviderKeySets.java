package io.github.authstarter.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * One key set per provider, shared by every decoder of its tokens (id tokens at login and
 * at refresh, back-channel logout tokens), so the rate limit on fetching it holds for the
 * provider as a whole. A provider whose discovery names a new {@code jwks_uri} gets a new
 * key set. A key set is trusted only up to its maximum age: a key the provider withdrew
 * stops being accepted then, even when no token names an unknown key.
 */
public final class ProviderKeySets {

	/** How long a key set is trusted without being fetched again, unless configured. */
	public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);

	private final ProviderHttpClients http;

	private final Function<String, Duration> refetchIntervals;

	private final Function<String, Duration> maxAges;

	private final Clock clock;

	private final Map<String, Lanes> sources = new ConcurrentHashMap<>();

	/**
	 * Creates the key sets, each trusted for {@link #DEFAULT_MAX_AGE}.
	 * @param http the providers' HTTP clients, which fetch them
	 * @param refetchIntervals how often each provider's key set may be fetched again for
	 * an unknown key, by provider id
	 */
	public ProviderKeySets(ProviderHttpClients http, Function<String, Duration> refetchIntervals) {
		this(http, refetchIntervals, (id) -> DEFAULT_MAX_AGE);
	}

	/**
	 * Creates the key sets.
	 * @param http the providers' HTTP clients, which fetch them
	 * @param refetchIntervals how often each provider's key set may be fetched again for
	 * an unknown key, by provider id
	 * @param maxAges how long each provider's key set is trusted before it must be
	 * fetched again, by provider id
	 */
	public ProviderKeySets(ProviderHttpClients http, Function<String, Duration> refetchIntervals,
			Function<String, Duration> maxAges) {
		this(http, refetchIntervals, maxAges, Clock.systemUTC());
	}

	/**
	 * Creates the key sets.
	 * @param http the providers' HTTP clients, which fetch them
	 * @param refetchIntervals how often each provider's key set may be fetched again
	 * @param maxAges how long each provider's key set is trusted
	 * @param clock the starter's clock, which ages and intervals are measured on
	 */
	public ProviderKeySets(ProviderHttpClients http, Function<String, Duration> refetchIntervals,
			Function<String, Duration> maxAges, Clock clock) {
		this.http = http;
		this.refetchIntervals = refetchIntervals;
		this.maxAges = maxAges;
		this.clock = clock;
	}

	/**
	 * The key set of a provider at the given address, for tokens received from the
	 * provider itself (id and access tokens from its token endpoint).
	 * @param registrationId the provider id
	 * @param jwkSetUri the provider's current {@code jwks_uri}
	 * @return the key source
	 */
	public JWKSource<SecurityContext> of(String registrationId, String jwkSetUri) {
		return lanes(registrationId, jwkSetUri).fromTheProvider();
	}

	/**
	 * The same key set for tokens anyone can send (back-channel logout tokens): its
	 * allowance to fetch again for an unknown key is its own, so made-up key ids cannot
	 * use up the one that finds a rotated key for the provider's own tokens.
	 * @param registrationId the provider id
	 * @param jwkSetUri the provider's current {@code jwks_uri}
	 * @return the key source
	 */
	public JWKSource<SecurityContext> forAnonymousTokens(String registrationId, String jwkSetUri) {
		return lanes(registrationId, jwkSetUri).anonymous();
	}

	private Lanes lanes(String registrationId, String jwkSetUri) {
		return this.sources.compute(registrationId, (id, existing) -> {
			if (existing != null && existing.fromTheProvider().uri().equals(jwkSetUri)) {
				return existing;
			}
			RateLimitedJwkSource source = new RateLimitedJwkSource(jwkSetUri, this.http.restTemplate(id),
					this.refetchIntervals.apply(id), this.maxAges.apply(id), this.clock);
			return new Lanes(source, source.anotherLane());
		});
	}

	private record Lanes(RateLimitedJwkSource fromTheProvider, RateLimitedJwkSource anonymous) {
	}

}
