package io.github.authstarter.test;

import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * MockMvc request post-processors that sign a user in for one request, or make it
 * anonymous:
 *
 * <pre class="code">
 * mockMvc.perform(get("/api/me").with(currentUser("alice")));
 * mockMvc.perform(get("/api/me").with(currentUser(TestUser.withSubject("bob").provider("github"))));
 * mockMvc.perform(get("/api/me").with(anonymous()));
 * </pre>
 *
 * They win over {@link WithCurrentUser @WithCurrentUser}.
 */
public final class AuthRequestPostProcessors {

	private AuthRequestPostProcessors() {
	}

	/**
	 * Signs in a user with the given subject and defaults for everything else.
	 * @param subject the subject
	 * @return the post-processor
	 */
	public static RequestPostProcessor currentUser(String subject) {
		return currentUser(TestUser.withSubject(subject));
	}

	/**
	 * Signs in the given user.
	 * @param user the user
	 * @return the post-processor
	 */
	public static RequestPostProcessor currentUser(TestUser user) {
		return (request) -> {
			TestSessions.signOut(request);
			TestSessions.signIn(request, user,
					WebApplicationContextUtils.findWebApplicationContext(request.getServletContext()));
			return request;
		};
	}

	/**
	 * Makes the request anonymous, whatever {@link WithCurrentUser @WithCurrentUser}
	 * says.
	 * @return the post-processor
	 */
	public static RequestPostProcessor anonymous() {
		return (request) -> {
			TestSessions.signOut(request);
			return request;
		};
	}

}
