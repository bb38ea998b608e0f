package io.github.authstarter.test;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Makes the user of {@link WithCurrentUser @WithCurrentUser} the signed-in user of each
 * test method: for MockMvc requests, and for the mock request Spring's test framework
 * binds to the test thread in a {@code @SpringBootTest} with a mock web environment, so a
 * {@code CurrentUser} called by the test itself sees the user too. Registered in
 * {@code META-INF/spring.factories}.
 */
public final class WithCurrentUserTestExecutionListener extends AbstractTestExecutionListener {

	private static final ThreadLocal<TestUser> current = new ThreadLocal<>();

	@Override
	public int getOrder() {
		// after ServletTestExecutionListener has bound the mock request
		return 10_000;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		WithCurrentUser annotation = find(testContext.getTestMethod(), testContext.getTestClass());
		if (annotation == null) {
			current.remove();
			return;
		}
		TestUser user = TestUser.from(annotation);
		current.set(user);
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				&& attributes.getRequest() instanceof MockHttpServletRequest request) {
			// the test's own request has no session store in front of it
			TestSessions.signIn(request, user, testContext.getApplicationContext(), false);
		}
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		current.remove();
	}

	static @Nullable TestUser current() {
		return current.get();
	}

	private static @Nullable WithCurrentUser find(Method method, Class<?> testClass) {
		WithCurrentUser onMethod = AnnotatedElementUtils.findMergedAnnotation(method, WithCurrentUser.class);
		return (onMethod != null) ? onMethod
				: TestContextAnnotationUtils.findMergedAnnotation(testClass, WithCurrentUser.class);
	}

}
