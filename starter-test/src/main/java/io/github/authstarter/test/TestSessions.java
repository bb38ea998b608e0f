package io.github.authstarter.test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.authstarter.autoconfigure.AuthProperties;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.CookieSerializer.CookieValue;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Puts a test user's session record where the application will read it: into the mock
 * request's own session when the application has no session store (a
 * {@code @WebMvcTest}), else into a real session saved in the application's store and
 * named by the session cookie, as after a login.
 */
final class TestSessions {

	private static final String SESSION_COOKIE = TestSessions.class.getName() + ".cookie";

	private TestSessions() {
	}

	static void signIn(MockHttpServletRequest request, TestUser user, @Nullable ApplicationContext context) {
		signIn(request, user, context, true);
	}

	static void signIn(MockHttpServletRequest request, TestUser user, @Nullable ApplicationContext context,
			boolean useSessionStore) {
		SessionUser record = user.toSessionUser(defaultProvider(context), Instant.now());
		// the application's store: it seals the tokens as the application's keys say
		SessionUserStore store = (context != null)
				? context.getBeanProvider(SessionUserStore.class).getIfAvailable(SessionUserStore::new)
				: new SessionUserStore();
		SessionRepository<Session> sessions = useSessionStore ? sessionRepository(context) : null;
		if (sessions == null) {
			request.getSession(true).setAttribute(SessionUserStore.ATTRIBUTE, store.serialize(record));
			return;
		}
		Session session = sessions.createSession();
		session.setAttribute(SessionUserStore.ATTRIBUTE, store.serialize(record));
		sessions.save(session);
		CookieSerializer serializer = context.getBeanProvider(CookieSerializer.class)
			.getIfAvailable(DefaultCookieSerializer::new);
		MockHttpServletResponse response = new MockHttpServletResponse();
		serializer.writeCookieValue(new CookieValue(request, response, session.getId()));
		Cookie written = response.getCookies()[0];
		Cookie cookie = new Cookie(written.getName(), written.getValue());
		replaceCookie(request, cookie);
		request.setAttribute(SESSION_COOKIE, cookie.getName());
	}

	static void signOut(MockHttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(SessionUserStore.ATTRIBUTE);
		}
		if (request.getAttribute(SESSION_COOKIE) instanceof String name) {
			replaceCookie(request, new Cookie(name, ""));
			request.removeAttribute(SESSION_COOKIE);
		}
	}

	private static void replaceCookie(MockHttpServletRequest request, Cookie cookie) {
		List<Cookie> cookies = new ArrayList<>();
		if (request.getCookies() != null) {
			for (Cookie existing : request.getCookies()) {
				if (!existing.getName().equals(cookie.getName())) {
					cookies.add(existing);
				}
			}
		}
		if (!cookie.getValue().isEmpty()) {
			cookies.add(cookie);
		}
		request.setCookies(cookies.toArray(Cookie[]::new));
	}

	@SuppressWarnings("unchecked")
	private static @Nullable SessionRepository<Session> sessionRepository(@Nullable ApplicationContext context) {
		return (context != null) ? context.getBeanProvider(SessionRepository.class).getIfAvailable() : null;
	}

	static String defaultProvider(@Nullable ApplicationContext context) {
		AuthProperties properties = (context != null) ? context.getBeanProvider(AuthProperties.class).getIfAvailable()
				: null;
		Set<String> providers = (properties != null) ? properties.getProviders().keySet() : Set.of();
		if (providers.size() > 1) {
			throw new IllegalStateException("The application has several providers " + providers
					+ ": name the test user's one, as in @WithCurrentUser(provider = \"...\") or "
					+ "TestUser.withSubject(...).provider(\"...\")");
		}
		return providers.isEmpty() ? "test" : providers.iterator().next();
	}

}
