package io.github.authstarter.test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.authstarter.access.RequestedAuthentication;
import io.github.authstarter.autoconfigure.AuthCurrentUserConfiguration;
import io.github.authstarter.autoconfigure.AuthLoginConfiguration;
import io.github.authstarter.autoconfigure.AuthProperties;
import io.github.authstarter.autoconfigure.AuthProvidersAutoConfiguration;
import io.github.authstarter.autoconfigure.AuthSessionRecordConfiguration;
import io.github.authstarter.autoconfigure.AuthWebSecurityAutoConfiguration;
import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.IssuerDiscovery;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.TokenRefresher;
import io.github.authstarter.user.CurrentUser;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;

/**
 * The starter in a {@code @WebMvcTest}: {@code CurrentUser}, {@code /auth/user}, the
 * controller argument, the error mapping and the security filter chain, reading the user
 * from the mock request's session. The parts that need Redis or a provider are replaced:
 * token refresh by {@link SliceTokenRefresher}, the login-flow store by
 * {@link SliceFlowStateRepository}; with no {@code auth.providers} configured, the
 * provider list is empty. Listed in {@code WebMvcTest.imports}.
 */
@AutoConfiguration(after = AuthProvidersAutoConfiguration.class,
		before = { AuthWebSecurityAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
				OAuth2ClientWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnMissingBean(CurrentUser.class)
@EnableConfigurationProperties(AuthProperties.class)
@Import({ AuthSessionRecordConfiguration.class, AuthLoginConfiguration.class, AuthCurrentUserConfiguration.class })
public final class AuthWebMvcTestAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ClientRegistrationRepository.class)
	ProviderRegistrations authNoProviders() {
		return new DiscoveringClientRegistrationRepository(List.of(),
				new IssuerDiscovery(ProviderHttpClients.withTimeout(Duration.ofSeconds(1))), Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(TokenRefresher.class)
	TokenRefresher authSliceTokenRefresher(SessionUserStore store, AuthProperties properties) {
		return new SliceTokenRefresher(store, properties.getRefresh().getSkew());
	}

	/**
	 * Step-up judged on the system clock with the default skew: a slice has no access
	 * configuration, and its tests sign users in with {@code @WithCurrentUser}.
	 */
	@Bean
	@ConditionalOnMissingBean
	RequestedAuthentication authSliceRequestedAuthentication() {
		return new RequestedAuthentication(Clock.systemUTC(), RequestedAuthentication.DEFAULT_SKEW);
	}

	@Bean
	@ConditionalOnMissingBean(AuthorizationRequestRepository.class)
	SliceFlowStateRepository authSliceFlowStateRepository() {
		return new SliceFlowStateRepository();
	}

}
