/**
 * The signed-in user and tokens as a small plain JSON record in the shared HTTP session.
 * <p>
 * Internal: public only so the auto-configuration can build it; not part of the public
 * API (see docs/reference/public-api.md), and it may change in any release.
 */
@NullMarked
package io.github.authstarter.session;

import org.jspecify.annotations.NullMarked;
