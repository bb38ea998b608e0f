package io.github.authstarter.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock the starter reads the time from: token expiry and refresh, cooldowns,
 * backoffs, key-set ages, rate-limit windows, step-up ages and the times it stamps on
 * client assertions. It is the application's own {@link Clock} bean where it has one, so
 * a test that moves that clock moves the starter with it instead of sleeping. Imported by
 * {@link AuthProvidersAutoConfiguration}; applications do not import it.
 */
@Configuration(proxyBeanMethods = false)
public final class AuthClockConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock authClock() {
		return Clock.systemUTC();
	}

	/**
	 * The clock to use: the unique {@link Clock} bean, or the system clock where there is
	 * none (a configuration used on its own) or several and none primary (the
	 * application's own clocks, for its own purposes).
	 * @param clocks the clock beans
	 * @return the clock
	 */
	static Clock of(ObjectProvider<Clock> clocks) {
		return clocks.getIfUnique(Clock::systemUTC);
	}

}
