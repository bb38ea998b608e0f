/**
 * Many tenants: providers kept in a store and changed while the application runs.
 */
@NullMarked
package io.github.authstarter.tenant;

import org.jspecify.annotations.NullMarked;
