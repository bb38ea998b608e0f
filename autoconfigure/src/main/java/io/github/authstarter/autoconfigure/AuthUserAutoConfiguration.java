package io.github.authstarter.autoconfigure;

import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.TokenRefresher;
import io.github.authstarter.user.CurrentUser;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/**
 * {@link CurrentUser} and what application code and the browser see of it: the user and
 * refresh endpoints, the controller argument and the error mapping.
 */
@AutoConfiguration(after = { AuthRefreshAutoConfiguration.class, AuthLogoutAutoConfiguration.class,
		AuthLoginAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({ ProviderRegistrations.class, SessionUserStore.class, TokenRefresher.class })
@Import(AuthCurrentUserConfiguration.class)
public final class AuthUserAutoConfiguration {

}
