package io.github.authstarter.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.access.AuthoritySource;
import org.jspecify.annotations.Nullable;

/**
 * How one provider's claims become Spring Security authorities.
 */
public class AuthAuthoritiesProperties {

	/**
	 * Claim paths to read authorities from, such as roles, groups, realm_access.roles or
	 * resource_access.my-app.roles; dots walk into nested objects, a "quoted" name may
	 * contain dots, and a path starting with https:// is one claim name. Defaults to the
	 * preset's.
	 */
	private @Nullable List<String> claims;

	/**
	 * Where the claims are read from: id-token, userinfo, access-token (only a JWT
	 * checked against the provider's keys, issuer and expiry). Defaults to the preset's,
	 * else id-token and userinfo.
	 */
	private @Nullable List<AuthoritySource> sources;

	/**
	 * Prefix of every authority read from a claim.
	 */
	private String prefix = "ROLE_";

	/**
	 * Claim values replaced by names before the prefix is added, such as Entra group
	 * object ids by readable names.
	 */
	private Map<String, String> mapping = new LinkedHashMap<>();

	/**
	 * Authorities every user of this provider gets, as written.
	 */
	private List<String> defaults = new ArrayList<>();

	/**
	 * Whether the granted scopes become SCOPE_* authorities.
	 */
	private boolean includeScopes = false;

	public @Nullable List<String> getClaims() {
		return this.claims;
	}

	public void setClaims(@Nullable List<String> claims) {
		this.claims = claims;
	}

	public @Nullable List<AuthoritySource> getSources() {
		return this.sources;
	}

	public void setSources(@Nullable List<AuthoritySource> sources) {
		this.sources = sources;
	}

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public Map<String, String> getMapping() {
		return this.mapping;
	}

	public void setMapping(Map<String, String> mapping) {
		this.mapping = mapping;
	}

	public List<String> getDefaults() {
		return this.defaults;
	}

	public void setDefaults(List<String> defaults) {
		this.defaults = defaults;
	}

	public boolean isIncludeScopes() {
		return this.includeScopes;
	}

	public void setIncludeScopes(boolean includeScopes) {
		this.includeScopes = includeScopes;
	}

}
