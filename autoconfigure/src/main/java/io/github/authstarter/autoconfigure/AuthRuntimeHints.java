package io.github.authstarter.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What the starter reads that a native image holds only when told: the pages' stylesheet,
 * messages and provider logos, the provider store's schema, and the failure analyzers
 * {@code spring.factories} names, which Boot creates reflectively, and Actuator's class,
 * looked up by name. Everything else is read without reflection: the session and flow
 * records are JSON trees and maps, the Redis scripts are strings in the code. Registered
 * in {@code META-INF/spring/aot.factories}.
 */
class AuthRuntimeHints implements RuntimeHintsRegistrar {

	static final String PAGES = "io/github/authstarter/http/";

	static final String ACTUATOR_ENDPOINTS = "org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources()
			.registerPattern(PAGES + "auth-pages.css")
			.registerPattern(PAGES + "logos/*.svg")
			// as files too: Spring's message source reads them itself to set their
			// encoding
			.registerPattern(PAGES + "messages*.properties")
			.registerPattern("io/github/authstarter/tenant/schema.sql")
			.registerResourceBundle("io.github.authstarter.http.messages");
		// looked up by name, to open health to probes only where Actuator is
		hints.reflection().registerTypeIfPresent(classLoader, ACTUATOR_ENDPOINTS);
		for (Class<?> analyzer : new Class<?>[] { MissingAuthPropertyFailureAnalyzer.class,
				ForeignRegistrationsFailureAnalyzer.class }) {
			hints.reflection().registerType(analyzer, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
	}

}
