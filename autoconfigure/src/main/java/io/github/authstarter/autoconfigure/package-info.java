/**
 * Spring Boot wiring of the starter: properties, conditions and auto-configurations.
 */
@NullMarked
package io.github.authstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;
