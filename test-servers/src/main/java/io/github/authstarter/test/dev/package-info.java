/**
 * Development-time sign-in for an application's own {@code TestMyApplication}: a local
 * OpenID Provider and a Redis, started beside it, never in its jar.
 */
@NullMarked
package io.github.authstarter.test.dev;

import org.jspecify.annotations.NullMarked;
