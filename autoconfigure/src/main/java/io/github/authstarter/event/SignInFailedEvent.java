package io.github.authstarter.event;

/**
 * A sign-in could not start or its callback was refused; the user got the error page or
 * JSON error named by {@code reason}.
 *
 * @param provider the provider id as the request named it (possibly not a configured one)
 * @param reason the error code the user got, such as {@code state_unknown},
 * {@code flow_binding_mismatch}, {@code invalid_id_token}, {@code token_exchange_failed},
 * {@code access_denied}, {@code provider_unavailable}, {@code rate_limited} or
 * {@code unknown_provider} (an open set: providers send their own error codes)
 */
public record SignInFailedEvent(String provider, String reason) {

}
