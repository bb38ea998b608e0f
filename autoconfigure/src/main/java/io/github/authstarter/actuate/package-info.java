/**
 * Operations: Micrometer counters, per-provider health and the {@code auth} actuator
 * endpoint.
 */
@NullMarked
package io.github.authstarter.actuate;

import org.jspecify.annotations.NullMarked;
