/**
 * What the starter observes: one context per operation, read by the convention that names
 * its spans' and timers' keys and by the counters, so both tell the same story.
 */
@NullMarked
package io.github.authstarter.observation;

import org.jspecify.annotations.NullMarked;
