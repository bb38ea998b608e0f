package io.github.authstarter.autoconfigure;

import io.github.authstarter.web.AuthPaths;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * The starter's paths from the properties, whose fields hold the only copy of their
 * defaults; checked at startup, naming the property.
 */
final class AuthPathsMapper {

	private AuthPathsMapper() {
	}

	static AuthPaths paths(AuthProperties properties) {
		AuthWebProperties web = properties.getWeb();
		for (String pattern : web.getApiPaths()) {
			try {
				PathPatternParser.defaultInstance.parse(pattern);
			}
			catch (PatternParseException ex) {
				throw new InvalidConfigurationPropertyValueException("auth.web.api-paths", pattern,
						"not a path pattern such as /api/**: " + ex.getMessage());
			}
		}
		// a literal path: the default chain permits it
		String loginPage = pagePath("auth.web.login-page", web.getLoginPage());
		pagePath("auth.web.pages.error-page", web.getPages().getErrorPage());
		pagePath("auth.web.pages.sign-out-page", web.getPages().getSignOutPage());
		return new AuthPaths(properties.getLogin().getPath(), properties.getLogin().getCallbackPath(),
				properties.getUser().getPath(), properties.getRefresh().getPath(),
				properties.getLogin().getProvidersPath(), properties.getSessions().getPath(), web.getApiPaths(),
				loginPage);
	}

	/**
	 * A page of the application the starter sends users or forwards to: a literal path,
	 * never a URL (a forward cannot leave the application) nor a pattern (the default
	 * chain permits it).
	 * @return the path, or {@code null} when unset or blank
	 */
	static @Nullable String pagePath(String property, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		// a literal path: a pattern character would permit more than the page
		if (!value.matches("(/[A-Za-z0-9._~-]+)+/?")) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"must be a path of this application such as /sign-in-problem, letters, digits and . _ ~ - only");
		}
		return value;
	}

}
