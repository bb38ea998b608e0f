package io.github.authstarter.provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Pushed authorization requests (RFC 9126): the authorization request a login start built
 * goes to the provider's {@code pushed_authorization_request_endpoint} first, over the
 * back channel and with client authentication, and the browser is sent to the
 * authorization endpoint with only {@code client_id} and the {@code request_uri} the
 * provider answered, so nothing of the request can be read or changed on its way. The
 * request itself (state, nonce, PKCE verifier, target) is stored in the flow record
 * exactly as without PAR, so the callback may land on any instance.
 */
public final class PushedAuthorizationRequests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final Log logger = LogFactory.getLog(PushedAuthorizationRequests.class);

	private static final String ENDPOINT = "pushed_authorization_request_endpoint";

	private static final String REQUIRED = "require_pushed_authorization_requests";

	private final ProviderRegistrations registrations;

	private final ProviderHttpClients http;

	private final ClientCredentials credentials;

	private final Map<String, ParMode> modes;

	/** The providers whose metadata overrode {@code par: off}, said once each. */
	private final Set<String> overridden = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the pusher.
	 * @param registrations the providers
	 * @param http the providers' HTTP clients
	 * @param credentials how the client authenticates at the PAR endpoint
	 * @param modes each provider's mode, by id (absent: auto)
	 */
	public PushedAuthorizationRequests(ProviderRegistrations registrations, ProviderHttpClients http,
			ClientCredentials credentials, Map<String, ParMode> modes) {
		this.registrations = registrations;
		this.http = http;
		this.credentials = credentials;
		// a view, not a copy: providers of a store are looked up at each use
		this.modes = Collections.unmodifiableMap(modes);
	}

	/**
	 * The request as the browser is to carry it: pushed first when the provider's mode
	 * says so.
	 * @param request the authorization request a login start built
	 * @return the request, with an authorization URI of {@code client_id} and
	 * {@code request_uri} when pushed
	 * @throws PushedAuthorizationRefusedException when the provider refuses it, or offers
	 * no PAR endpoint while it is required
	 * @throws ProviderUnavailableException when the provider cannot be reached
	 */
	public OAuth2AuthorizationRequest push(OAuth2AuthorizationRequest request) {
		if (!(request.getAttribute(OAuth2ParameterNames.REGISTRATION_ID) instanceof String id)) {
			return request;
		}
		ParMode mode = this.modes.getOrDefault(id, ParMode.AUTO);
		ClientRegistration registration = this.registrations.findByRegistrationId(id);
		Map<String, Object> metadata = (registration != null)
				? registration.getProviderDetails().getConfigurationMetadata() : Map.of();
		// a provider that requires PAR refuses every other login: never ignored
		boolean providerRequires = Boolean.TRUE.equals(metadata.get(REQUIRED)) || "true".equals(metadata.get(REQUIRED));
		if (mode == ParMode.OFF && !providerRequires) {
			return request;
		}
		if (mode == ParMode.OFF && this.overridden.add(id)) {
			logger.warn("Provider '" + id + "' requires pushed authorization requests "
					+ "(require_pushed_authorization_requests in its metadata): pushing them although auth.providers."
					+ id + ".par is off");
		}
		Object endpoint = metadata.get(ENDPOINT);
		if (!(endpoint instanceof String uri) || registration == null) {
			if (mode == ParMode.REQUIRED || providerRequires) {
				throw new PushedAuthorizationRefusedException(id, "par_not_offered");
			}
			return request;
		}
		String requestUri = pushed(registration, uri, request);
		String redirect = UriComponentsBuilder.fromUriString(request.getAuthorizationUri())
			.queryParam(OAuth2ParameterNames.CLIENT_ID,
					UriUtils.encode(registration.getClientId(), StandardCharsets.UTF_8))
			.queryParam("request_uri", UriUtils.encode(requestUri, StandardCharsets.UTF_8))
			.build(true)
			.toUriString();
		return OAuth2AuthorizationRequest.from(request).authorizationRequestUri(redirect).build();
	}

	private String pushed(ClientRegistration registration, String endpoint, OAuth2AuthorizationRequest request) {
		String id = registration.getRegistrationId();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		MultiValueMap<String, String> query = UriComponentsBuilder.fromUriString(request.getAuthorizationRequestUri())
			.build(true)
			.getQueryParams();
		// exactly the parameters the browser would otherwise have carried; with a request
		// object only it and client_id (RFC 9126 section 3: every other parameter is a
		// claim of the object, not a form field)
		boolean signed = query.containsKey("request");
		query.forEach((name, values) -> {
			if (!signed || name.equals("request") || name.equals(OAuth2ParameterNames.CLIENT_ID)) {
				values.forEach((value) -> form.add(decode(name), decode(value)));
			}
		});
		HttpHeaders headers = new HttpHeaders();
		this.credentials.authenticate(registration, headers, form);
		Map<String, Object> answer;
		try {
			answer = this.http.restClient(id)
				.post()
				.uri(URI.create(endpoint))
				.headers((given) -> given.addAll(headers))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.retrieve()
				.body(JSON);
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().is5xxServerError()) {
				throw new ProviderUnavailableException(id, "its PAR endpoint answered " + ex.getStatusCode().value(),
						ex);
			}
			throw new PushedAuthorizationRefusedException(id, errorCode(ex));
		}
		catch (RestClientException ex) {
			throw new ProviderUnavailableException(id, "its PAR endpoint cannot be reached", ex);
		}
		Object requestUri = (answer != null) ? answer.get("request_uri") : null;
		if (!(requestUri instanceof String value) || value.isBlank() || value.length() > 2048) {
			throw new PushedAuthorizationRefusedException(id, "no_request_uri");
		}
		return value;
	}

	private static String errorCode(RestClientResponseException ex) {
		Map<String, Object> body = null;
		try {
			body = ex.getResponseBodyAs(JSON);
		}
		catch (RuntimeException notJson) {
			// the status says enough
		}
		Object error = (body != null) ? body.get("error") : null;
		// the provider's code, but never more of what it wrote into a log line
		return (error instanceof String code && code.matches("[a-z_]{1,64}")) ? code
				: "status_" + ex.getStatusCode().value();
	}

	private static String decode(@Nullable String value) {
		return (value != null) ? UriUtils.decode(value, StandardCharsets.UTF_8) : "";
	}

}
