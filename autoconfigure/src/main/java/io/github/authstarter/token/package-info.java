/**
 * Server-side token refresh, single-flight per session across all instances.
 */
@NullMarked
package io.github.authstarter.token;

import org.jspecify.annotations.NullMarked;
