package io.github.authstarter.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Whatever else is configured: an application processed ahead of time refuses to start
 * with switches its build did not decide with ({@link AuthBuildTimeSwitches}), the
 * presence of any provider included.
 */
@AutoConfiguration
@Import(AuthBuildTimeSwitches.Registrar.class)
public final class AuthAheadOfTimeAutoConfiguration {

}
