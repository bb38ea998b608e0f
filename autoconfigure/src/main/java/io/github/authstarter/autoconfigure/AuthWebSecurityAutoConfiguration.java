package io.github.authstarter.autoconfigure;

import java.util.EnumSet;
import java.util.List;

import io.github.authstarter.http.PageStylesheet;
import io.github.authstarter.http.PageTexts;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.web.AuthConfigurer;
import io.github.authstarter.web.AuthErrorResponder;
import io.github.authstarter.web.AuthPaths;
import io.github.authstarter.web.BoundedLocalesFilter;
import io.github.authstarter.web.CsrfCookie;
import io.github.authstarter.web.LastUsedProvider;
import io.github.authstarter.web.LoggingRequestRejectedHandler;
import io.github.authstarter.web.PageBranding;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.DispatcherTypeRequestMatcher;
import org.springframework.util.ClassUtils;

/**
 * Offers the {@link AuthConfigurer} that applications apply to their own
 * {@code SecurityFilterChain} (it applies the beans the login, refresh, logout and
 * session configurations chose), and, for applications without one, a default chain: the
 * auth endpoints open, everything else signed in.
 */
@AutoConfiguration(
		after = { AuthProvidersAutoConfiguration.class, AuthSessionAutoConfiguration.class,
				AuthLoginAutoConfiguration.class, AuthAccessAutoConfiguration.class, AuthRefreshAutoConfiguration.class,
				AuthLogoutAutoConfiguration.class, AuthUserAutoConfiguration.class },
		before = { OAuth2ClientWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnBean({ ProviderRegistrations.class, SessionUserStore.class, AuthPaths.class })
public final class AuthWebSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RequestRejectedHandler authRequestRejectedHandler(AuthErrorResponder responder, AuthPaths paths,
			PageStylesheet stylesheet, PageTexts texts) {
		return new LoggingRequestRejectedHandler(responder, paths, stylesheet, texts);
	}

	@Bean
	FilterRegistrationBean<BoundedLocalesFilter> authBoundedLocalesFilter() {
		FilterRegistrationBean<BoundedLocalesFilter> registration = new FilterRegistrationBean<>(
				new BoundedLocalesFilter());
		// before anything asks for the request's locale (Spring's RequestContextFilter
		// first), on error dispatches too, which get the unwrapped request again
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean
	CsrfCookie authCsrfCookie(AuthProperties properties) {
		String name = properties.getWeb().getCsrfCookieName();
		try {
			return new CsrfCookie(name);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("auth.web.csrf-cookie-name", name, ex.getMessage());
		}
	}

	@Bean
	@ConditionalOnMissingBean
	PageBranding authPageBranding(AuthProperties properties, Environment environment) {
		AuthWebProperties.Pages pages = properties.getWeb().getPages();
		// blank is unset: a profile may switch either off
		String name = (pages.getAppName() != null && !pages.getAppName().isBlank()) ? pages.getAppName()
				: environment.getProperty("spring.application.name");
		try {
			return new PageBranding(name, pages.getLogo());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("auth.web.pages.logo", pages.getLogo(),
					ex.getMessage());
		}
	}

	@Bean
	@ConditionalOnMissingBean
	PageTexts authPageTexts(AuthProperties properties, ApplicationContext context,
			ProviderRegistrations registrations) {
		List<String> languages = properties.getWeb().getPages().getLanguages();
		for (String language : languages) {
			if (!language.matches("[a-z]{2,3}")) {
				throw new InvalidConfigurationPropertyValueException("auth.web.pages.languages", language,
						"must be a lower-case ISO 639 language code such as de");
			}
		}
		// the application's messages first: the context answers with its messageSource
		PageTexts texts = new PageTexts(context, languages, (id) -> {
			ProviderDefinition definition = registrations.definition(id);
			return (definition != null) ? definition.displayName() : null;
		});
		texts.validate();
		return texts;
	}

	@Bean
	@ConditionalOnMissingBean
	PageStylesheet authPageStylesheet(AuthProperties properties) {
		String accent = properties.getWeb().getPages().getAccentColor();
		try {
			return new PageStylesheet(accent);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("auth.web.pages.accent-color", accent,
					ex.getMessage());
		}
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "auth.web.pages.remember-provider", matchIfMissing = true)
	LastUsedProvider authLastUsedProvider(AuthPaths paths) {
		return new LastUsedProvider(paths);
	}

	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	AuthConfigurer authConfigurer() {
		// one per filter chain: a configurer is applied once
		return new AuthConfigurer();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultWebSecurity
	static class DefaultSecurityFilterChainConfiguration {

		private static final boolean ACTUATOR = ClassUtils.isPresent(AuthRuntimeHints.ACTUATOR_ENDPOINTS,
				DefaultSecurityFilterChainConfiguration.class.getClassLoader());

		@Bean
		SecurityFilterChain authSecurityFilterChain(HttpSecurity http, AuthPaths paths, AuthProperties properties,
				AuthConfigurer auth) throws Exception {
			http.authorizeHttpRequests((requests) -> {
				// as Boot's own default chain: load balancers and orchestrators probe
				// health without signing in (what it shows follows show-details)
				if (ACTUATOR) {
					requests.requestMatchers(EndpointRequest.to("health")).permitAll();
				}
				requests.requestMatchers(paths.login() + "/**", paths.callback() + "/**", "/error").permitAll();
				// the application's own pages the starter forwards to: for anyone, but
				// only
				// when forwarded to, so naming a page does not open it to direct requests
				AuthWebProperties.Pages pages = properties.getWeb().getPages();
				for (String page : new String[] { pages.getErrorPage(), pages.getSignOutPage() }) {
					if (page != null && !page.isBlank()) {
						requests
							.requestMatchers(
									new AndRequestMatcher(new DispatcherTypeRequestMatcher(DispatcherType.FORWARD),
											PathPatternRequestMatcher.withDefaults().matcher(page)))
							.permitAll();
					}
				}
				requests.anyRequest().authenticated();
			});
			http.with(auth, Customizer.withDefaults());
			return http.build();
		}

	}

}
