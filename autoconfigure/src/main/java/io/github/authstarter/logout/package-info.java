/**
 * Logout that ends the provider session too: token revocation and RP-initiated logout.
 */
@NullMarked
package io.github.authstarter.logout;

import org.jspecify.annotations.NullMarked;
