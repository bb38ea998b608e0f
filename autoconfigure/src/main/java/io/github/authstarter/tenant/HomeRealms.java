package io.github.authstarter.tenant;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Home-realm discovery: the provider that signs in a user of an email domain on a
 * request, so the sign-in page can ask for an email first and send the user to their
 * organisation's provider.
 */
@FunctionalInterface
public interface HomeRealms {

	/**
	 * The provider whose {@code allowed-email-domains} names a domain and that may sign
	 * in on a request.
	 * @param emailDomain the domain, lowercase
	 * @param request the request
	 * @return the provider id, or {@code null} when none
	 */
	@Nullable String providerFor(String emailDomain, HttpServletRequest request);

}
