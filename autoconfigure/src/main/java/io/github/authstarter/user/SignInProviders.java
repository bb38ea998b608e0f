package io.github.authstarter.user;

import java.util.List;

/**
 * The providers users can sign in with, in configuration order, for sign-in buttons:
 * known from the configuration alone, so listing them never calls a provider.
 */
public final class SignInProviders {

	private final List<SignInProvider> providers;

	/**
	 * Creates the list; the starter's auto-configuration does.
	 * @param providers the providers
	 */
	public SignInProviders(List<SignInProvider> providers) {
		this.providers = List.copyOf(providers);
	}

	/**
	 * The providers.
	 * @return every configured provider, in configuration order
	 */
	public List<SignInProvider> all() {
		return this.providers;
	}

	/**
	 * One provider to sign in with.
	 *
	 * @param id the provider id ({@code auth.providers.<id>})
	 * @param displayName the name to show
	 * @param loginPath the path that starts a sign-in with it, without the context path
	 */
	public record SignInProvider(String id, String displayName, String loginPath) {
	}

}
