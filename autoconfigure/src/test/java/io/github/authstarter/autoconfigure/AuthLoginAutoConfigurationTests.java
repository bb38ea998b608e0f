package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.access.AuthorizingOAuth2UserService;
import io.github.authstarter.access.AuthorizingOidcUserService;
import io.github.authstarter.flow.DpopBindingAuthorizationRequestResolver;
import io.github.authstarter.flow.LoginClientKeyResolver;
import io.github.authstarter.flow.LoginStartLimiter;
import io.github.authstarter.flow.ProfileCheckingAuthorizationRequestResolver;
import io.github.authstarter.flow.PushingAuthorizationRequestResolver;
import io.github.authstarter.flow.RateLimitedAuthorizationRequestResolver;
import io.github.authstarter.flow.RedisFlowStateRepository;
import io.github.authstarter.flow.SigningAuthorizationRequestResolver;
import io.github.authstarter.http.PageStylesheet;
import io.github.authstarter.http.PageTexts;
import io.github.authstarter.logout.LogoutPagesFilter;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.DpopMode;
import io.github.authstarter.provider.DpopProofs;
import io.github.authstarter.provider.GitHubEmailUserService;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.provider.RequestObjects;
import io.github.authstarter.token.OnRequestTokenRefreshFilter;
import io.github.authstarter.web.AuthConfigurer;
import io.github.authstarter.web.AuthError;
import io.github.authstarter.web.AuthErrorResponder;
import io.github.authstarter.web.CsrfCookie;
import io.github.authstarter.web.LastUsedProvider;
import io.github.authstarter.web.PageBranding;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.csrf.CsrfFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthLoginAutoConfiguration}, {@link AuthRefreshAutoConfiguration}, and
 * the {@link AuthConfigurer} that {@link AuthWebSecurityAutoConfiguration} assembles from
 * their beans.
 */
class AuthLoginAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AuthAutoConfigurations.all())
		.withPropertyValues("auth.providers.google.client-id=g");

	@Test
	void aBadApiPathPatternOrLoginPageFailsAtStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("auth.web.api-paths=/api/**/broken/**")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("auth.web.api-paths"));
		this.contextRunner.withPropertyValues("auth.web.login-page=sign-in")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("auth.web.login-page"));
	}

	@Test
	void aCsrfCookieNameNoBrowserAcceptsFailsAtStartupNamingTheProperty() {
		for (String name : new String[] { "XSRF TOKEN", "xsrf;token", "xsrf=token", "t\u00f6ken", "" }) {
			this.contextRunner.withPropertyValues("auth.web.csrf-cookie-name=" + name)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("auth.web.csrf-cookie-name"));
		}
	}

	@Test
	void aPageLogoThatIsNeitherAPathNorAnHttpsUrlFailsAtStartupNamingTheProperty() {
		for (String logo : new String[] { "javascript:alert(1)", "http://cdn.example.com/logo.svg", "//evil/logo.svg",
				"/img/a\"b.svg", "/\\cdn.evil.example/x.svg" }) {
			this.contextRunner.withPropertyValues("auth.web.pages.logo=" + logo)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("auth.web.pages.logo"));
		}
		this.contextRunner.withPropertyValues("spring.application.name=Acme")
			.run((context) -> assertThat(context.getBean(PageBranding.class))
				.isEqualTo(new PageBranding("Acme", null)));
		this.contextRunner
			.withPropertyValues("spring.application.name=acme-app", "auth.web.pages.app-name=Acme",
					"auth.web.pages.logo=https://cdn.example.com/acme.svg")
			.run((context) -> assertThat(context.getBean(PageBranding.class))
				.isEqualTo(new PageBranding("Acme", "https://cdn.example.com/acme.svg")));
		// blank is unset, and a stray space does not make a path something else
		this.contextRunner
			.withPropertyValues("spring.application.name=Acme", "auth.web.pages.app-name= ", "auth.web.pages.logo=")
			.run((context) -> assertThat(context.getBean(PageBranding.class))
				.isEqualTo(new PageBranding("Acme", null)));
		assertThat(new PageBranding(null, " /img/logo.svg").logo()).isEqualTo("/img/logo.svg");
	}

	@Test
	void pageSettingsThatAreWrongFailAtStartupNamingTheProperty() {
		Map<String, String> wrong = Map.of("auth.web.pages.accent-color", "purple", "auth.web.pages.languages",
				"en,German", "auth.web.pages.error-page", "https://evil.example/", "auth.web.pages.sign-out-page",
				"//evil.example/", "auth.web.login-page", "/**");
		wrong.forEach((property, value) -> this.contextRunner.withPropertyValues(property + "=" + value)
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(property)));
		// a pattern would permit more than the page
		for (String pattern : new String[] { "/**", "/err?r", "/{page}", "/a;b", "/a%2Fb" }) {
			this.contextRunner.withPropertyValues("auth.web.pages.error-page=" + pattern)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("auth.web.pages.error-page"));
		}
		// a text of the application's that the pages could not format
		this.contextRunner.withPropertyValues("spring.messages.basename=bad-messages")
			.withConfiguration(AutoConfigurations.of(MessageSourceAutoConfiguration.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("auth.page.sign-in-with"));
	}

	@Test
	void pageDefaultsAreBeansTheApplicationMayReplace() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(PageTexts.class)
				.hasSingleBean(PageStylesheet.class)
				.hasSingleBean(LastUsedProvider.class);
			assertThat(context.getBean(PageStylesheet.class).name()).isEqualTo(PageStylesheet.DEFAULT.name());
			assertThat(context.getBean(AuthErrorResponder.class)).isSameAs(AuthErrorResponder.standard());
		});
		this.contextRunner
			.withPropertyValues("auth.web.pages.accent-color=#7b1fa2", "auth.web.pages.remember-provider=false",
					"auth.web.pages.error-page=/oops")
			.run((context) -> {
				assertThat(context.getBean(PageStylesheet.class).name()).isNotEqualTo(PageStylesheet.DEFAULT.name());
				assertThat(context).doesNotHaveBean(LastUsedProvider.class);
				assertThat(context.getBean(AuthErrorResponder.class)).isNotSameAs(AuthErrorResponder.standard());
			});
		PageStylesheet own = new PageStylesheet("#000000");
		this.contextRunner.withBean(PageStylesheet.class, () -> own)
			.run((context) -> assertThat(context.getBean(PageStylesheet.class)).isSameAs(own));
	}

	@Test
	void theConfigurerAppliesTheLoginStartCapAndTheCsrfCookieName() {
		this.contextRunner.run((context) -> {
			AppliedFilterChain chain = AppliedFilterChain.of(context);
			Object pushing = chain.field(chain.filter(OAuth2AuthorizationRequestRedirectFilter.class),
					"authorizationRequestResolver");
			assertThat(pushing).isInstanceOf(PushingAuthorizationRequestResolver.class);
			// signed (JAR) with everything in it, the DPoP key's thumbprint too, then
			// pushed
			Object signing = chain.field(pushing, "delegate");
			assertThat(signing).isInstanceOf(SigningAuthorizationRequestResolver.class);
			// a key for DPoP only after the cap, and pushed with the request
			Object binding = chain.field(signing, "delegate");
			assertThat(binding).isInstanceOf(DpopBindingAuthorizationRequestResolver.class);
			// the profile's check after the cap, before a key is made
			Object profiled = chain.field(binding, "delegate");
			assertThat(profiled).isInstanceOf(ProfileCheckingAuthorizationRequestResolver.class);
			Object capped = chain.field(profiled, "delegate");
			assertThat(capped).isInstanceOf(RateLimitedAuthorizationRequestResolver.class);
			assertThat(chain.field(capped, "limiter")).isSameAs(context.getBean(LoginStartLimiter.class));
			assertThat(context.getBean(CsrfCookie.class).name()).isEqualTo("XSRF-TOKEN");
			assertThat(chain.field(chain.field(chain.filter(CsrfFilter.class), "tokenRepository"), "cookieName"))
				.isEqualTo("XSRF-TOKEN");
		});
		this.contextRunner.withPropertyValues("auth.web.csrf-cookie-name=__Host-XSRF-TOKEN").run((context) -> {
			AppliedFilterChain chain = AppliedFilterChain.of(context);
			assertThat(chain.field(chain.field(chain.filter(CsrfFilter.class), "tokenRepository"), "cookieName"))
				.isEqualTo("__Host-XSRF-TOKEN");
		});
	}

	@Test
	void aLogoThatIsNeitherAPathNorAnHttpsUrlFailsAtStartupNamingTheProperty() {
		for (String logo : new String[] { "javascript:alert(1)", "http://cdn.example/logo.svg", "//cdn.example/x.svg",
				"/img/a b.svg" }) {
			this.contextRunner
				.withPropertyValues("auth.providers.corp.client-id=c",
						"auth.providers.corp.issuer-uri=https://idp.example", "auth.providers.corp.logo=" + logo)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("auth.providers.corp.logo"));
		}
	}

	@Test
	void maxAgeAndAcrValuesCanBeForwardedNowThatTheCallbackChecksThem() {
		this.contextRunner
			.withPropertyValues("auth.providers.corp.client-id=c", "auth.providers.corp.issuer-uri=https://idp.example",
					"auth.providers.corp.forward-params=login_hint,max_age,acr_values")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void definesTheLoginsBeansWhenProvidersAreConfigured() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RedisFlowStateRepository.class);
			assertThat(context).hasSingleBean(LoginStartLimiter.class);
			assertThat(context.getBean(AuthErrorResponder.class)).isNotNull();
			AppliedFilterChain chain = AppliedFilterChain.of(context);
			assertThat(chain.field(chain.oauth2Login(), "userService")).isInstanceOfSatisfying(
					AuthorizingOAuth2UserService.class,
					(service) -> assertThat(service.delegate()).isInstanceOf(GitHubEmailUserService.class));
			assertThat(chain.filter(LogoutPagesFilter.class)).isSameAs(context.getBean(LogoutPagesFilter.class));
		});
	}

	@Test
	void dpopProofsAreHandedToTheProvidersClientsAndBindNothingUnlessAsked() {
		this.contextRunner.run((context) -> {
			DpopProofs dpop = context.getBean(DpopProofs.class);
			assertThat(context.getBean(ProviderHttpClients.class).dpop()).isSameAs(dpop);
			assertThat(dpop.mode("google")).isEqualTo(DpopMode.OFF);
			assertThat(dpop.newKey("google")).isNull();
		});
		this.contextRunner.withPropertyValues("auth.providers.google.dpop=required")
			.run((context) -> assertThat(context.getBean(DpopProofs.class).newKey("google")).isNotNull());
	}

	@Test
	void requestObjectsAreSignedOnlyWhereAskedAndTheApplicationsOwnSignerWins() {
		this.contextRunner.run((context) -> assertThat(context.getBean(RequestObjects.class))
			.hasToString("RequestObjects[signed for []]"));
		this.contextRunner.withUserConfiguration(OwnRequestObjects.class).run((context) -> {
			RequestObjects own = context.getBean("ownRequestObjects", RequestObjects.class);
			assertThat(context.getBean(RequestObjects.class)).isSameAs(own);
			AppliedFilterChain chain = AppliedFilterChain.of(context);
			Object pushing = chain.field(chain.filter(OAuth2AuthorizationRequestRedirectFilter.class),
					"authorizationRequestResolver");
			assertThat(chain.field(chain.field(pushing, "delegate"), "requestObjects")).isSameAs(own);
		});
	}

	@Test
	void backsOffWithoutProviders() {
		new WebApplicationContextRunner().withConfiguration(AuthAutoConfigurations.all()).run((context) -> {
			assertThat(context).doesNotHaveBean(RedisFlowStateRepository.class);
			assertThat(context).doesNotHaveBean(CsrfCookie.class);
			assertThat(context).doesNotHaveBean(AuthConfigurer.class);
		});
	}

	@Test
	void loginStartsAreCountedPerRemoteAddressByDefault() {
		this.contextRunner.run((context) -> {
			MockHttpServletRequest request = new MockHttpServletRequest();
			request.setRemoteAddr("192.0.2.7");
			assertThat(context.getBean(LoginClientKeyResolver.class).resolve(request)).isEqualTo("192.0.2.7");
		});
	}

	@Test
	void userLoginClientKeyResolverWins() {
		LoginClientKeyResolver own = (request) -> request.getHeader("X-Client");
		this.contextRunner.withBean(LoginClientKeyResolver.class, () -> own).run((context) -> {
			assertThat(context).getBean(LoginClientKeyResolver.class).isSameAs(own);
			assertThat(context).hasSingleBean(LoginStartLimiter.class);
		});
	}

	@Test
	void userProviderCallsAndErrorResponderAreWhatTheConfigurerApplies() {
		this.contextRunner.withUserConfiguration(UserLoginBeans.class).run((context) -> {
			AppliedFilterChain chain = AppliedFilterChain.of(context);
			assertThat(chain.field(chain.oidcLogin(), "accessTokenResponseClient"))
				.isSameAs(UserLoginBeans.TOKEN_CLIENT);
			// the application's services load the user; authorities and policy still
			// apply
			assertThat(chain.field(chain.oauth2Login(), "userService")).isInstanceOfSatisfying(
					AuthorizingOAuth2UserService.class,
					(service) -> assertThat(service.delegate()).isSameAs(UserLoginBeans.USER_SERVICE));
			assertThat(chain.field(chain.oidcLogin(), "userService")).isInstanceOfSatisfying(
					AuthorizingOidcUserService.class,
					(service) -> assertThat(service.delegate()).isSameAs(UserLoginBeans.OIDC_USER_SERVICE));
			// the application's responder writes the login start's errors, never cached
			AuthErrorResponder applied = (AuthErrorResponder) chain.field(chain
				.field(chain.filter(OAuth2AuthorizationRequestRedirectFilter.class), "authenticationFailureHandler"),
					"responder");
			MockHttpServletResponse response = new MockHttpServletResponse();
			applied.respond(new MockHttpServletRequest(), response, new AuthError(429, "rate_limited", "Wait.", null));
			assertThat(response.getHeader("X-Responder")).isEqualTo("application");
			assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
			assertThat(context.getBeanNamesForType(ResolvableType.forClassWithGenerics(OAuth2UserService.class,
					OAuth2UserRequest.class, OAuth2User.class)))
				.containsExactly("userService");
		});
	}

	@Test
	void everyInjectionPointGetsItsOwnConfigurer() {
		this.contextRunner.run((context) -> assertThat(context.getBean(AuthConfigurer.class))
			.isNotSameAs(context.getBean(AuthConfigurer.class)));
	}

	@Test
	void refreshOnEveryRequestOnlyWhenAskedFor() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(OnRequestTokenRefreshFilter.class);
			assertThat(AppliedFilterChain.of(context).filters())
				.noneMatch(OnRequestTokenRefreshFilter.class::isInstance);
		});
		this.contextRunner.withPropertyValues("auth.refresh.on-request=true").run((context) -> {
			assertThat(context).hasSingleBean(OnRequestTokenRefreshFilter.class);
			assertThat(AppliedFilterChain.of(context).filter(OnRequestTokenRefreshFilter.class))
				.isSameAs(context.getBean(OnRequestTokenRefreshFilter.class));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserLoginBeans {

		static final OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> TOKEN_CLIENT = (request) -> {
			throw new IllegalStateException("not called");
		};

		static final OAuth2UserService<OAuth2UserRequest, OAuth2User> USER_SERVICE = new DefaultOAuth2UserService();

		static final OAuth2UserService<OidcUserRequest, OidcUser> OIDC_USER_SERVICE = new OidcUserService();

		static final AuthErrorResponder RESPONDER = (request, response, error) -> response.setHeader("X-Responder",
				"application");

		@Bean
		OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient() {
			return TOKEN_CLIENT;
		}

		@Bean
		OAuth2UserService<OAuth2UserRequest, OAuth2User> userService() {
			return USER_SERVICE;
		}

		@Bean
		OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService() {
			return OIDC_USER_SERVICE;
		}

		@Bean
		AuthErrorResponder responder() {
			return RESPONDER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRequestObjects {

		@Bean
		RequestObjects ownRequestObjects(ProviderRegistrations registrations) {
			return new RequestObjects(Set.of(), registrations, ClientCredentials.NONE, Clock.systemUTC());
		}

	}

}
