/**
 * Login-flow state kept in Redis, so the provider's redirect back may land on any
 * instance.
 */
@NullMarked
package io.github.authstarter.flow;

import org.jspecify.annotations.NullMarked;
