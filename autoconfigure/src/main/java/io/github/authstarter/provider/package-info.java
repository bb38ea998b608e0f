/**
 * OAuth2 / OpenID Connect providers: presets, lazy discovery and client registrations.
 */
@NullMarked
package io.github.authstarter.provider;

import org.jspecify.annotations.NullMarked;
