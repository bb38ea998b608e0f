package io.github.authstarter.test;

import io.github.authstarter.session.SessionUserStore;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.ConfigurableMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcConfigurer;
import org.springframework.web.context.WebApplicationContext;

/**
 * Applies {@link WithCurrentUser @WithCurrentUser} to every request of the
 * auto-configured {@code MockMvc}, in {@code @WebMvcTest} and in {@code @SpringBootTest}
 * with {@code @AutoConfigureMockMvc}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class AuthMockMvcAutoConfiguration {

	@Bean
	MockMvcBuilderCustomizer authCurrentUserMockMvcCustomizer() {
		return (builder) -> builder.apply(new MockMvcConfigurer() {
			@Override
			public RequestPostProcessor beforeMockMvcCreated(ConfigurableMockMvcBuilder<?> mockMvc,
					WebApplicationContext context) {
				return (request) -> {
					TestUser user = WithCurrentUserTestExecutionListener.current();
					if (user != null && !signedInAlready(request)) {
						TestSessions.signIn(request, user, context);
					}
					return request;
				};
			}
		});
	}

	private static boolean signedInAlready(MockHttpServletRequest request) {
		// a session the test passed with .session(...) keeps what earlier requests did
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(SessionUserStore.ATTRIBUTE) != null;
	}

}
