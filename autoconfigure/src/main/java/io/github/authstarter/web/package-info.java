/**
 * Web endpoints, the security configurer and error responses.
 */
@NullMarked
package io.github.authstarter.web;

import org.jspecify.annotations.NullMarked;
