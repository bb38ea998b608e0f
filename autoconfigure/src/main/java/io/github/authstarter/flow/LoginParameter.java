package io.github.authstarter.flow;

/**
 * A parameter of the authorization request that a login start may pass on to the provider
 * ({@code /auth/login/<id>?login_hint=...}), when the provider allows it in
 * {@code auth.providers.<id>.forward-params}. Protocol parameters ({@code state},
 * {@code nonce}, {@code redirect_uri}, {@code code_challenge}, {@code scope},
 * {@code response_type}, {@code client_id}) are never among them.
 */
public enum LoginParameter {

	/** {@code login_hint}: the account to pre-fill, such as an email address. */
	LOGIN_HINT("login_hint"),

	/** {@code domain_hint}: Entra's home realm, to skip its account picker. */
	DOMAIN_HINT("domain_hint"),

	/**
	 * {@code prompt}: {@code none}, {@code login}, {@code consent},
	 * {@code select_account}.
	 */
	PROMPT("prompt"),

	/** {@code ui_locales}: the languages of the provider's pages. */
	UI_LOCALES("ui_locales"),

	/** {@code max_age}: the longest time since the user last authenticated. */
	MAX_AGE("max_age"),

	/** {@code acr_values}: the authentication context classes requested. */
	ACR_VALUES("acr_values");

	private final String parameterName;

	LoginParameter(String parameterName) {
		this.parameterName = parameterName;
	}

	/**
	 * The name of the parameter in the request.
	 * @return the name, such as {@code login_hint}
	 */
	public String parameterName() {
		return this.parameterName;
	}

}
