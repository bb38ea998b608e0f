/**
 * Who may sign in and what they may do: authorities from the provider's claims, sign-in
 * policy, both applied at login and again on every refresh.
 */
@NullMarked
package io.github.authstarter.access;

import org.jspecify.annotations.NullMarked;
