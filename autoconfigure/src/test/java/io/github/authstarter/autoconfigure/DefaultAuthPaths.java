package io.github.authstarter.autoconfigure;

import io.github.authstarter.web.AuthPaths;

/**
 * The starter's paths with every property at its default, taken from the properties
 * themselves, for tests that need paths without a context.
 */
public final class DefaultAuthPaths {

	private DefaultAuthPaths() {
	}

	/**
	 * The default paths.
	 * @return the paths of a default configuration
	 */
	public static AuthPaths get() {
		return AuthPathsMapper.paths(new AuthProperties());
	}

	/**
	 * The default paths with other login and callback paths.
	 * @param login the login path
	 * @param callback the callback path
	 * @return the paths
	 */
	public static AuthPaths with(String login, String callback) {
		AuthProperties properties = new AuthProperties();
		properties.getLogin().setPath(login);
		properties.getLogin().setCallbackPath(callback);
		return AuthPathsMapper.paths(properties);
	}

}
