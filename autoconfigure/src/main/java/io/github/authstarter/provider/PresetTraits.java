package io.github.authstarter.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ProviderPreset}'s traits, named one by one: an OAuth2 provider whose user is
 * {@code sub}, unless said otherwise.
 */
final class PresetTraits {

	final String displayName;

	boolean openId;

	boolean formPostSupported;

	List<String> scopes = List.of();

	String userNameAttribute = "sub";

	final Map<String, String> authorizationParameters = new LinkedHashMap<>();

	PresetTraits(String displayName) {
		this.displayName = displayName;
	}

	/** It issues ID tokens (OpenID Connect). */
	PresetTraits openId() {
		this.openId = true;
		return this;
	}

	/** It answers with {@code response_mode=form_post}. */
	PresetTraits formPost() {
		this.formPostSupported = true;
		return this;
	}

	PresetTraits scopes(String... scopes) {
		this.scopes = List.of(scopes);
		return this;
	}

	PresetTraits userNameAttribute(String attribute) {
		this.userNameAttribute = attribute;
		return this;
	}

	PresetTraits authorizationParameter(String name, String value) {
		this.authorizationParameters.put(name, value);
		return this;
	}

}
