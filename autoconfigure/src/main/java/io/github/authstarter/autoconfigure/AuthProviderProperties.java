package io.github.authstarter.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One provider, {@code auth.providers.<id>}. Its properties share one flat namespace, so
 * each topic is a class of its own in a chain: the client
 * ({@link AuthProviderClientProperties}), where the provider is
 * ({@link AuthProviderEndpointsProperties}), signing in and out
 * ({@link AuthProviderLoginProperties}), and here who may sign in, with which
 * authorities, and the APIs the user's calls go to.
 */
public class AuthProviderProperties extends AuthProviderLoginProperties {

	/**
	 * How this provider's claims become authorities.
	 */
	private final AuthAuthoritiesProperties authorities = new AuthAuthoritiesProperties();

	/**
	 * Microsoft tenant ids (the tid claim) accepted; required with tenant common,
	 * organizations or consumers; "*" admits every tenant.
	 */
	private List<String> allowedTenants = new ArrayList<>();

	/**
	 * Google Workspace domain users must belong to: sent as hd and checked against the hd
	 * claim.
	 */
	private @Nullable String hostedDomain;

	/**
	 * Whether to refuse a user whose email is not verified (email_verified true; Entra: a
	 * fixed tenant or the xms_edov claim).
	 */
	private boolean requireVerifiedEmail = true;

	/**
	 * Email domains accepted for a verified email, compared in IDNA ASCII form; empty for
	 * any.
	 */
	private List<String> allowedEmailDomains = new ArrayList<>();

	/**
	 * Authorities a user needs at least one of, after mapping; a name without the
	 * authorities prefix matches with it, so "staff" matches ROLE_staff.
	 */
	private List<String> requiredAuthorities = new ArrayList<>();

	/**
	 * APIs called as the user with a token of their own, by name (used in
	 * currentUser.apis().tokens("graph") and @ClientRegistrationId("corp/graph")).
	 */
	private Map<String, AuthApiProperties> apis = new LinkedHashMap<>();

	public AuthAuthoritiesProperties getAuthorities() {
		return this.authorities;
	}

	public List<String> getAllowedTenants() {
		return this.allowedTenants;
	}

	public void setAllowedTenants(List<String> allowedTenants) {
		this.allowedTenants = allowedTenants;
	}

	public @Nullable String getHostedDomain() {
		return this.hostedDomain;
	}

	public void setHostedDomain(@Nullable String hostedDomain) {
		this.hostedDomain = hostedDomain;
	}

	public boolean isRequireVerifiedEmail() {
		return this.requireVerifiedEmail;
	}

	public void setRequireVerifiedEmail(boolean requireVerifiedEmail) {
		this.requireVerifiedEmail = requireVerifiedEmail;
	}

	public List<String> getAllowedEmailDomains() {
		return this.allowedEmailDomains;
	}

	public void setAllowedEmailDomains(List<String> allowedEmailDomains) {
		this.allowedEmailDomains = allowedEmailDomains;
	}

	public List<String> getRequiredAuthorities() {
		return this.requiredAuthorities;
	}

	public void setRequiredAuthorities(List<String> requiredAuthorities) {
		this.requiredAuthorities = requiredAuthorities;
	}

	public Map<String, AuthApiProperties> getApis() {
		return this.apis;
	}

	public void setApis(Map<String, AuthApiProperties> apis) {
		this.apis = apis;
	}

}
