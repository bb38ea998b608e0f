/**
 * Support for an application's own tests: {@code @WithCurrentUser} in slices and a real
 * sign-in against the test kit's OpenID Provider.
 */
package io.github.authstarter.test;
