package io.github.authstarter.testbed;

import java.util.Comparator;

import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * Test methods by name, last first: with the classes in reverse order too
 * ({@code -P reverse-order}), the opposite of the alphabetical run, so a test that holds
 * only because another ran before it shows.
 */
public final class ReverseMethodOrder implements MethodOrderer {

	@Override
	public void orderMethods(MethodOrdererContext context) {
		context.getMethodDescriptors()
			.sort(Comparator.comparing((MethodDescriptor method) -> method.getMethod().getName())
				.thenComparing((method) -> method.getMethod().toString())
				.reversed());
	}

}
