package io.github.authstarter.flow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.authstarter.json.JsonObjects;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * One login attempt as stored in Redis: a versioned plain JSON object with only strings
 * and numbers, so nothing read from Redis can choose a Java type. The {@code state}
 * itself is not stored: the record is found by its hash and the state comes from the
 * callback.
 *
 * @param provider the provider id
 * @param authorizationRequest the request sent to the provider
 * @param redirect where to send the user after login
 * @param bindingHash the hash of the browser's flow-binding cookie
 * @param created when the login started
 */
record FlowRecord(String provider, OAuth2AuthorizationRequest authorizationRequest, String redirect, String bindingHash,
		Instant created) {

	static final int VERSION = 1;

	String toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("v", VERSION);
		json.put("provider", this.provider);
		json.put("redirect", this.redirect);
		json.put("binding", this.bindingHash);
		json.put("created", this.created.getEpochSecond());
		json.put("authorizationUri", this.authorizationRequest.getAuthorizationUri());
		json.put("clientId", this.authorizationRequest.getClientId());
		json.put("redirectUri", this.authorizationRequest.getRedirectUri());
		json.put("scopes", List.copyOf(this.authorizationRequest.getScopes()));
		json.put("parameters", strings(this.authorizationRequest.getAdditionalParameters()));
		json.put("attributes", strings(this.authorizationRequest.getAttributes()));
		return JsonObjects.write(json);
	}

	static FlowRecord fromJson(String value, String state) {
		try {
			Map<String, Object> json = JsonObjects.read(value);
			if (Objects.requireNonNull(JsonObjects.whole(json, "v")) != VERSION) {
				throw new IllegalArgumentException("unsupported flow record version");
			}
			OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
				.authorizationUri(JsonObjects.string(json, "authorizationUri"))
				.clientId(JsonObjects.string(json, "clientId"))
				.redirectUri(JsonObjects.string(json, "redirectUri"))
				.scopes(new LinkedHashSet<>(JsonObjects.strings(json, "scopes")))
				.state(state)
				.additionalParameters(new LinkedHashMap<>(JsonObjects.object(json, "parameters")))
				.attributes(new LinkedHashMap<>(JsonObjects.object(json, "attributes")))
				.build();
			return new FlowRecord(JsonObjects.string(json, "provider"), request, JsonObjects.string(json, "redirect"),
					JsonObjects.string(json, "binding"),
					Instant.ofEpochSecond(Objects.requireNonNull(JsonObjects.whole(json, "created"))));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("unreadable flow record", ex);
		}
	}

	/** Every value Spring puts here is a string; anything else would not round-trip. */
	private static Map<String, String> strings(Map<String, Object> values) {
		Map<String, String> strings = new LinkedHashMap<>();
		values.forEach((name, value) -> {
			if (!(value instanceof String text)) {
				throw new IllegalArgumentException("authorization request value '" + name + "' is not a string");
			}
			strings.put(name, text);
		});
		return strings;
	}

}
