/**
 * Server-side token refresh, single-flight per session across all instances.
 * <p>
 * Internal: public only so the auto-configuration can build it; not part of the public
 * API (see docs/reference/public-api.md), and it may change in any release.
 */
@NullMarked
package io.github.authstarter.token;

import org.jspecify.annotations.NullMarked;
