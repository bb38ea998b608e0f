/**
 * Support for an application's own tests: {@code @WithCurrentUser} in slices and, with
 * {@code auth-spring-boot-test-servers} added beside it, a real sign-in against that
 * artifact's OpenID Provider ({@code AuthTestProvider}).
 */
package io.github.authstarter.test;
