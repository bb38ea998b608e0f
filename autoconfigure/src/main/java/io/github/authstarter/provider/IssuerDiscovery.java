package io.github.authstarter.provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Fetches a provider's metadata: OpenID Connect Discovery first, then RFC 8414
 * authorization server metadata, with bounded timeouts so a slow provider cannot hold a
 * request thread for long.
 */
public final class IssuerDiscovery {

	private static final int MAX_DOCUMENT_BYTES = 512 * 1024;

	private final ProviderHttpClients http;

	/**
	 * Creates a discovery client.
	 * @param http the providers' HTTP clients
	 */
	public IssuerDiscovery(ProviderHttpClients http) {
		this.http = http;
	}

	/**
	 * Fetches the metadata of the issuer.
	 * @param providerId the provider, whose HTTP client (SSL bundle) is used
	 * @param issuer the issuer (or alias) to discover
	 * @param issuerMustMatch whether the document's {@code issuer} must equal
	 * {@code issuer}
	 * @return the metadata as JSON values
	 * @throws DiscoveryException when no document could be fetched or it is invalid
	 */
	Map<String, Object> discover(String providerId, String issuer, boolean issuerMustMatch) {
		URI location = URI.create(issuer);
		RestClient client = this.http.restClient(providerId);
		Map<String, Object> metadata = fetch(client, openIdLocation(location));
		if (metadata == null) {
			metadata = fetch(client, authorizationServerLocation(location));
		}
		if (metadata == null) {
			throw new DiscoveryException("no OpenID or OAuth 2.0 metadata at " + issuer);
		}
		Object discoveredIssuer = metadata.get("issuer");
		if (!(discoveredIssuer instanceof String discovered)) {
			throw new DiscoveryException("the metadata of " + issuer + " names no issuer");
		}
		if (issuerMustMatch && !trimmed(discovered).equals(trimmed(issuer))) {
			throw new DiscoveryException(
					"the metadata of " + issuer + " names another issuer ('" + discovered + "'); check issuer-uri");
		}
		return metadata;
	}

	private static @Nullable Map<String, Object> fetch(RestClient client, URI uri) {
		return client.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchange((request, response) -> {
			int status = response.getStatusCode().value();
			if (status == 404) {
				return null;
			}
			if (status != 200) {
				throw new DiscoveryException(uri + " answered " + status);
			}
			byte[] body = response.getBody().readNBytes(MAX_DOCUMENT_BYTES + 1);
			if (body.length > MAX_DOCUMENT_BYTES) {
				throw new DiscoveryException(uri + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
			}
			try {
				return JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
			}
			catch (ParseException ex) {
				throw new DiscoveryException(uri + " is not a JSON document");
			}
		});
	}

	private static URI openIdLocation(URI issuer) {
		return UriComponentsBuilder.fromUri(issuer)
			.replacePath(trimmed(issuer.getPath()) + "/.well-known/openid-configuration")
			.build(true)
			.toUri();
	}

	private static URI authorizationServerLocation(URI issuer) {
		return UriComponentsBuilder.fromUri(issuer)
			.replacePath("/.well-known/oauth-authorization-server" + trimmed(issuer.getPath()))
			.build(true)
			.toUri();
	}

	private static String trimmed(String value) {
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

	/**
	 * Thrown when a provider answered, but not with usable metadata.
	 */
	static final class DiscoveryException extends RuntimeException {

		DiscoveryException(String message) {
			super(message);
		}

	}

}
