package io.github.authstarter.user;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link CurrentUser#requireRecentLogin(Duration)} and
 * {@link CurrentUser#requireAcr(String)} when the user must authenticate at the provider
 * again, and by the starter's API clients when an API's {@code 401} asks for that (RFC
 * 9470) or for claims (a claims challenge): a browser is sent through the provider
 * ({@code prompt=login}, {@code max_age}, {@code acr_values}, {@code claims}) and back to
 * the same page, keeping its session; a JSON request gets {@code 401 step_up_required}
 * with the {@code loginUrl} to send the browser to.
 */
public final class StepUpRequiredException extends RuntimeException {

	private final String provider;

	private final @Nullable Duration maxAge;

	private final @Nullable String acr;

	private final @Nullable String claims;

	StepUpRequiredException(String provider, @Nullable Duration maxAge, @Nullable String acr) {
		this(provider, maxAge, acr, null);
	}

	StepUpRequiredException(String provider, @Nullable Duration maxAge, @Nullable String acr, @Nullable String claims) {
		super("The user must authenticate again at provider '" + provider + "'"
				+ ((maxAge != null) ? " (last authenticated more than " + maxAge.toSeconds() + " s ago)" : "")
				+ ((acr != null) ? " (with authentication context " + acr + ")" : "")
				+ ((claims != null) ? " (asking for the claims an API named)" : ""));
		this.provider = provider;
		this.maxAge = maxAge;
		this.acr = acr;
		this.claims = claims;
	}

	/**
	 * The provider to authenticate at.
	 * @return the provider id
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * The longest time since the user last authenticated that is acceptable.
	 * @return the maximum age, or {@code null}
	 */
	public @Nullable Duration maxAge() {
		return this.maxAge;
	}

	/**
	 * The authentication context class required; from an API, possibly several,
	 * space-separated.
	 * @return the class, or {@code null}
	 */
	public @Nullable String acr() {
		return this.acr;
	}

	/**
	 * The claims an API's claims challenge asks the login for (OIDC Core 5.5).
	 * @return the claims request, a JSON object, or {@code null}
	 */
	public @Nullable String claims() {
		return this.claims;
	}

}
