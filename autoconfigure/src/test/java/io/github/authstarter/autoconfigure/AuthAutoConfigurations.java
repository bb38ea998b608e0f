package io.github.authstarter.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration;

/**
 * Every auto-configuration of the starter with the Boot ones it is ordered against, for
 * context-runner tests of a web application.
 */
final class AuthAutoConfigurations {

	private AuthAutoConfigurations() {
	}

	static AutoConfigurations all() {
		return AutoConfigurations.of(AuthProvidersAutoConfiguration.class, AuthAccessAutoConfiguration.class,
				AuthRedisAutoConfiguration.class, AuthRedisSessionAutoConfiguration.class,
				AuthSessionAutoConfiguration.class, AuthLoginAutoConfiguration.class,
				AuthRefreshAutoConfiguration.class, AuthLogoutAutoConfiguration.class, AuthUserAutoConfiguration.class,
				AuthWebSecurityAutoConfiguration.class, DataRedisAutoConfiguration.class,
				SessionAutoConfiguration.class, SessionDataRedisAutoConfiguration.class,
				OAuth2ClientAutoConfiguration.class, OAuth2ClientWebSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class);
	}

}
