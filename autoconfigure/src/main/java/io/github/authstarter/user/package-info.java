/**
 * The signed-in user as application code sees it: CurrentUser and its tokens.
 */
@NullMarked
package io.github.authstarter.user;

import org.jspecify.annotations.NullMarked;
