package io.github.authstarter.session.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.session.MapSession;
import org.springframework.session.Session;

/**
 * A session of {@link SingleReadRedisSessionRepository}: it remembers what changed since
 * it was read, so that only that is written.
 */
public final class RedisSession implements Session {

	private final MapSession cached;

	private String originalId;

	private @Nullable Instant storedLastAccessedTime;

	private final Map<String, @Nullable Object> changedAttributes = new LinkedHashMap<>();

	private boolean maxInactiveIntervalChanged;

	RedisSession(MapSession cached, @Nullable Instant storedLastAccessedTime) {
		this.cached = cached;
		this.originalId = cached.getId();
		this.storedLastAccessedTime = storedLastAccessedTime;
	}

	/** The id the session was read or created with, before any change of id. */
	String originalId() {
		return this.originalId;
	}

	boolean isNew() {
		return this.storedLastAccessedTime == null;
	}

	Map<String, Object> allFields() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put(SingleReadRedisSessionRepository.CREATION_TIME, this.cached.getCreationTime().toEpochMilli());
		fields.put(SingleReadRedisSessionRepository.LAST_ACCESSED_TIME,
				this.cached.getLastAccessedTime().toEpochMilli());
		fields.put(SingleReadRedisSessionRepository.MAX_INACTIVE_INTERVAL,
				(int) this.cached.getMaxInactiveInterval().getSeconds());
		for (String name : this.cached.getAttributeNames()) {
			fields.put(SingleReadRedisSessionRepository.ATTRIBUTE_PREFIX + name, this.cached.getAttribute(name));
		}
		return fields;
	}

	Map<String, @Nullable Object> changedFields(Duration touchInterval) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		this.changedAttributes
			.forEach((name, value) -> fields.put(SingleReadRedisSessionRepository.ATTRIBUTE_PREFIX + name, value));
		boolean touchDue = this.storedLastAccessedTime == null
				|| !this.cached.getLastAccessedTime().isBefore(this.storedLastAccessedTime.plus(touchInterval));
		if (this.maxInactiveIntervalChanged || touchDue || !fields.isEmpty()) {
			// any write extends the expiry, so it records the access it extends from
			fields.put(SingleReadRedisSessionRepository.LAST_ACCESSED_TIME,
					this.cached.getLastAccessedTime().toEpochMilli());
			fields.put(SingleReadRedisSessionRepository.MAX_INACTIVE_INTERVAL,
					(int) this.cached.getMaxInactiveInterval().getSeconds());
		}
		return fields;
	}

	void saved() {
		this.originalId = this.cached.getId();
		this.storedLastAccessedTime = this.cached.getLastAccessedTime();
		this.changedAttributes.clear();
		this.maxInactiveIntervalChanged = false;
	}

	@Override
	public String getId() {
		return this.cached.getId();
	}

	@Override
	public String changeSessionId() {
		return this.cached.changeSessionId();
	}

	@Override
	public <T> @Nullable T getAttribute(String attributeName) {
		return this.cached.getAttribute(attributeName);
	}

	@Override
	public Set<String> getAttributeNames() {
		return this.cached.getAttributeNames();
	}

	@Override
	public void setAttribute(String attributeName, @Nullable Object attributeValue) {
		this.cached.setAttribute(attributeName, attributeValue);
		this.changedAttributes.put(attributeName, attributeValue);
	}

	@Override
	public void removeAttribute(String attributeName) {
		setAttribute(attributeName, null);
	}

	@Override
	public Instant getCreationTime() {
		return this.cached.getCreationTime();
	}

	@Override
	public void setLastAccessedTime(Instant lastAccessedTime) {
		this.cached.setLastAccessedTime(lastAccessedTime);
	}

	@Override
	public Instant getLastAccessedTime() {
		return this.cached.getLastAccessedTime();
	}

	@Override
	public void setMaxInactiveInterval(Duration interval) {
		this.maxInactiveIntervalChanged = !interval.equals(this.cached.getMaxInactiveInterval());
		this.cached.setMaxInactiveInterval(interval);
	}

	@Override
	public Duration getMaxInactiveInterval() {
		return this.cached.getMaxInactiveInterval();
	}

	@Override
	public boolean isExpired() {
		return this.cached.isExpired();
	}

}
