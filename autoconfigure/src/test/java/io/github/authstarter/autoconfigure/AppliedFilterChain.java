package io.github.authstarter.autoconfigure;

import java.util.List;

import jakarta.servlet.Filter;

import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code AuthConfigurer} put into the default filter chain of a context-runner
 * context: its filters, and the collaborators Spring Security keeps in private fields.
 */
final class AppliedFilterChain {

	private final List<Filter> filters;

	private AppliedFilterChain(List<Filter> filters) {
		this.filters = filters;
	}

	static AppliedFilterChain of(ApplicationContext context) {
		return new AppliedFilterChain(context.getBean(SecurityFilterChain.class).getFilters());
	}

	List<Filter> filters() {
		return this.filters;
	}

	<T extends Filter> T filter(Class<T> type) {
		List<T> found = this.filters.stream().filter(type::isInstance).map(type::cast).toList();
		assertThat(found).as("filters of type %s", type.getSimpleName()).hasSize(1);
		return found.get(0);
	}

	Object field(Object target, String name) {
		Object value = ReflectionTestUtils.getField(target, name);
		assertThat(value).as("%s.%s", target.getClass().getSimpleName(), name).isNotNull();
		return value;
	}

	/** The OAuth2 login provider, which holds the user service the login uses. */
	OAuth2LoginAuthenticationProvider oauth2Login() {
		return provider(OAuth2LoginAuthenticationProvider.class);
	}

	/** The OpenID Connect login provider. */
	OidcAuthorizationCodeAuthenticationProvider oidcLogin() {
		return provider(OidcAuthorizationCodeAuthenticationProvider.class);
	}

	private <T extends AuthenticationProvider> T provider(Class<T> type) {
		ProviderManager manager = (ProviderManager) field(filter(OAuth2LoginAuthenticationFilter.class),
				"authenticationManager");
		return manager.getProviders().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
	}

}
