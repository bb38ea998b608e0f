/**
 * The signed-in user and tokens as a small plain JSON record in the shared HTTP session.
 */
@NullMarked
package io.github.authstarter.session;

import org.jspecify.annotations.NullMarked;
