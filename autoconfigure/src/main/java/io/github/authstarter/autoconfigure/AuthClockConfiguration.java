package io.github.authstarter.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock the starter reads the time from, the {@link Clock} bean named
 * {@value #BEAN_NAME}: token expiry and refresh, cooldowns, backoffs, key-set ages,
 * rate-limit windows, flow and step-up ages, and the times it stamps on client
 * assertions. The system clock unless the application declares its own bean of that name
 * (a test that moves it moves the starter with it, instead of sleeping). The default is
 * no candidate for injection by type, so an application's own {@code Clock} beans are
 * neither replaced nor made ambiguous, and never picked up by the starter by accident: a
 * fixed clock kept for the application's own use would stop tokens from ever expiring.
 * Imported by {@link AuthProvidersAutoConfiguration}; applications do not import it.
 */
@Configuration(proxyBeanMethods = false)
public final class AuthClockConfiguration {

	/** The name of the starter's clock bean. */
	public static final String BEAN_NAME = "authClock";

	@Bean(name = BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = BEAN_NAME)
	Clock authClock() {
		return Clock.systemUTC();
	}

	/**
	 * The clock to use: the {@value #BEAN_NAME} bean, or the system clock where there is
	 * none (a configuration used on its own).
	 * @param clocks the {@value #BEAN_NAME} bean
	 * @return the clock
	 */
	static Clock of(ObjectProvider<Clock> clocks) {
		return clocks.getIfAvailable(Clock::systemUTC);
	}

}
