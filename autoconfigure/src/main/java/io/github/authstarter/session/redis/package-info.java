/**
 * The session store of the hot path: Spring Session's Redis layout read with one command
 * per request (none with the client-side cache, which Redis keeps true by invalidation),
 * written with one script, and plain JSON values. Independent of the starter's session
 * record, so it can be reasoned about, and tested, as a unit.
 */
@NullMarked
package io.github.authstarter.session.redis;

import org.jspecify.annotations.NullMarked;
