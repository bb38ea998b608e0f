package io.github.authstarter.autoconfigure;

/**
 * Client registrations the starter did not build, beside {@code auth.providers}: the
 * starter would otherwise either switch itself off without a word (an application's own
 * {@code ClientRegistrationRepository}) or leave them out (Boot's
 * {@code spring.security.oauth2.client.registration.*}). Reported by
 * {@link ForeignRegistrationsFailureAnalyzer}.
 */
final class ForeignRegistrationsException extends RuntimeException {

	private final String action;

	ForeignRegistrationsException(String description, String action) {
		super(description);
		this.action = action;
	}

	static ForeignRegistrationsException repository(String beanName, String type, Iterable<String> providers) {
		return new ForeignRegistrationsException("The application declares its own ClientRegistrationRepository ('"
				+ beanName + "', " + type + ") and also configures auth.providers " + providers
				+ ". The starter builds its registrations from auth.providers: its login flow, refresh, sign-in rules "
				+ "and logout need each provider's definition, which registrations built elsewhere do not carry.",
				"Describe every provider under auth.providers.<id>.* (a preset, issuer-uri or explicit endpoints) "
						+ "and remove the bean '" + beanName + "'; or remove auth.providers to run your own "
						+ "Spring Security OAuth2 setup without the starter.");
	}

	static ForeignRegistrationsException bootProperties(Iterable<String> registrations, Iterable<String> providers) {
		return new ForeignRegistrationsException("spring.security.oauth2.client.registration " + registrations
				+ " is set beside auth.providers " + providers
				+ ": with auth.providers the starter's registrations replace Boot's, so these would be ignored.",
				"Move each registration to auth.providers.<id>.* (client-id, client-secret, scopes, and a preset, "
						+ "issuer-uri or explicit endpoints) and remove spring.security.oauth2.client.registration.*.");
	}

	String action() {
		return this.action;
	}

}
