package io.github.authstarter.user;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One of the signed-in user's sessions, on any instance and device.
 *
 * @param id an opaque handle of the session (never its cookie value), to end it with
 * {@link DeviceSessions#end(String)} or {@code POST /auth/sessions/{id}/end}
 * @param createdAt when the session began
 * @param lastSeenAt when it was last used, to within {@code auth.session.touch-interval}
 * @param device a coarse label from the browser's {@code User-Agent} at sign-in, such as
 * "Firefox on Windows", or {@code null} when there was none
 * @param current whether it is the session of this request
 */
public record DeviceSession(String id, Instant createdAt, Instant lastSeenAt, @Nullable String device,
		boolean current) {

}
