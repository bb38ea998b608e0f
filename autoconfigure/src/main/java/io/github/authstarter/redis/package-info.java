/**
 * The Redis keys the starter writes, in one place.
 */
@NullMarked
package io.github.authstarter.redis;

import org.jspecify.annotations.NullMarked;
