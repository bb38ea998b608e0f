package io.github.authstarter.redis;

/**
 * Every key the starter writes to Redis, under {@code auth.redis.key-prefix}
 * ({@code auth:} by default), in one place. Spring Session's own keys
 * ({@code spring.session.data.redis.namespace}) are not among them. Keys that one Lua
 * script touches together share a hash tag, so the script runs on Redis Cluster (the
 * refresh's write-and-release script, a session and its lock, runs only off Cluster).
 */
public final class AuthRedisKeys {

	private final String prefix;

	/**
	 * The keys under a prefix.
	 * @param prefix {@code auth.redis.key-prefix}
	 */
	public AuthRedisKeys(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * A started login's flow record (a string, TTL {@code auth.flow.ttl}).
	 * @param stateHash the base64url SHA-256 of the login's {@code state}
	 * @return the key
	 */
	public String flow(String stateHash) {
		return this.prefix + "flow:" + stateHash;
	}

	/**
	 * The login starts of one minute, a hash: field {@code total}, and one per client
	 * named by the SHA-256 of its client key. (Earlier versions counted in strings under
	 * {@code flow:starts:}; during a rolling upgrade each version counts on its own.)
	 * @param minute the minute since the epoch
	 * @return the key
	 */
	public String loginStarts(long minute) {
		return this.prefix + "flow:login-starts:{" + minute + "}";
	}

	/**
	 * The provider a logout's end-session redirect came from, by its {@code state}.
	 * @param state the {@code state} sent to the provider's end-session endpoint
	 * @return the key
	 */
	public String logoutState(String state) {
		return this.prefix + "logout:" + state;
	}

	/**
	 * A back-channel logout token's {@code jti}, kept against replays.
	 * @param provider the provider id
	 * @param jti the token's id
	 * @return the key
	 */
	public String logoutTokenId(String provider, String jti) {
		return this.prefix + "logout-jti:" + provider + ":" + jti;
	}

	/**
	 * The set of session ids of one user, or of one provider session.
	 * @param provider the provider id
	 * @param claim {@code sub} or {@code sid}
	 * @param value the claim's value
	 * @return the key
	 */
	public String sessionIndex(String provider, String claim, String value) {
		return this.prefix + "sessions:" + provider + ":" + claim + ":" + value;
	}

	/**
	 * The lock a session's refresh and logout take.
	 * @param sessionId the session id
	 * @return the key
	 */
	public String refreshLock(String sessionId) {
		return this.prefix + "refresh-lock:" + sessionId;
	}

	/**
	 * The stored providers' summaries, a hash: field the provider id, value its tenant,
	 * whether it is enabled and its version as JSON. Shares a hash tag with
	 * {@link #storedProviderSettings()}, so a save writes both at once on Redis Cluster.
	 * @return the key
	 */
	public String storedProviders() {
		return this.prefix + "{providers}:summaries";
	}

	/**
	 * The stored providers' settings, a hash: field the provider id, value its settings
	 * as JSON (the client secret sealed when tokens are).
	 * @return the key
	 */
	public String storedProviderSettings() {
		return this.prefix + "{providers}:settings";
	}

	/**
	 * The counter that numbers stored provider versions.
	 * @return the key
	 */
	public String storedProviderVersions() {
		return this.prefix + "{providers}:version";
	}

	/**
	 * The pub/sub channel on which a stored provider's change is announced (its id).
	 * @return the channel
	 */
	public String storedProviderChanges() {
		return this.prefix + "providers:changed";
	}

}
