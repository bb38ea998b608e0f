package io.github.authstarter.test.dev;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A user of the development provider, from {@code auth.dev.users.<name>.*}: its claims
 * and its roles (the {@code roles} claim).
 *
 * @param claims the claims of its id token and user info
 * @param roles its roles
 */
record DevUser(@Nullable Map<String, Object> claims, @Nullable List<String> roles) {

	/** The users when none are configured: alice, an admin, and bob, who is not. */
	static final Map<String, DevUser> DEFAULTS = Map.of("alice",
			new DevUser(Map.of("name", "Alice Dev", "email", "alice@example.com", "email_verified", true),
					List.of("admin")),
			"bob", new DevUser(Map.of("name", "Bob Dev", "email", "bob@example.com", "email_verified", true), null));

	/**
	 * The claims the provider gives this user, with a name and an e-mail address unless
	 * configured otherwise.
	 * @param username the user's name, also its subject
	 * @return the claims
	 */
	Map<String, Object> idTokenClaims(String username) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("name", username);
		all.put("email", username + "@example.com");
		all.put("email_verified", true);
		if (this.claims != null) {
			all.putAll(this.claims);
		}
		if (this.roles != null && !this.roles.isEmpty()) {
			all.put("roles", List.copyOf(this.roles));
		}
		return all;
	}

}
