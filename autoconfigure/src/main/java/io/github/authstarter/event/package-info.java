/**
 * Application events for sign-in and token refresh, for applications and metrics.
 */
@NullMarked
package io.github.authstarter.event;

import org.jspecify.annotations.NullMarked;
