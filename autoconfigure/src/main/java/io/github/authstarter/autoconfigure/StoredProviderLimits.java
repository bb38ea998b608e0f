package io.github.authstarter.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderEndpoints;
import io.github.authstarter.tenant.InvalidProviderException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * What a stored provider may not do that {@code auth.providers.*} may: whoever writes to
 * the store is not the application's operator. Setting names are the canonical ones only
 * (Boot's relaxed forms would slip past a check by name); nothing may name a file, key
 * store or SSL bundle of the server, nor send the server to an address on its own
 * networks; key sets are fetched again no more often than the starter's own minimum.
 */
final class StoredProviderLimits {

	/** Lowercase kebab-case names, with one bracketed map key at most (a parameter). */
	private static final Pattern NAME = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)*(\\[[^\\]\\p{Cntrl}]{1,256}\\])?");

	private static final Duration MIN_REFETCH = Duration.ofSeconds(30);

	private static final Duration MIN_MAX_AGE = Duration.ofMinutes(1);

	private final boolean loopbackAllowed;

	/**
	 * Creates the limits.
	 * @param loopbackAllowed whether providers on this machine may be named
	 * ({@code auth.provider-store.allow-loopback}, for development and tests)
	 */
	StoredProviderLimits(boolean loopbackAllowed) {
		this.loopbackAllowed = loopbackAllowed;
	}

	void checkNames(String id, Map<String, String> settings) {
		for (String name : settings.keySet()) {
			if (!NAME.matcher(name).matches()) {
				throw new InvalidProviderException(id, name,
						"write setting names in lowercase kebab-case, as the properties reference does "
								+ "(client-id, authorities.claims, authorization-params[domain_hint])");
			}
			if ("redirect-uri".equals(name)) {
				throw new InvalidProviderException(id, name,
						"a stored provider's callback is the starter's own, on the host or path of its tenant");
			}
		}
	}

	void checkBound(String id, AuthProviderProperties settings) {
		if (settings.getLogo() != null && !settings.getLogo().strip().startsWith("https://")) {
			// a path would make every visitor's browser request any page of the
			// application
			throw new InvalidProviderException(id, "logo", "is an https URL for a stored provider");
		}
		if (settings.getRedirectUri() != null) {
			throw new InvalidProviderException(id, "redirect-uri",
					"a stored provider's callback is the starter's own, on the host or path of its tenant");
		}
		boolean serverFiles = settings.getClientKey().getLocation() != null
				|| settings.getClientKey().getBundle() != null || settings.getPrivateKey() != null
				|| settings.getSslBundle() != null || settings.getTeamId() != null || settings.getKeyId() != null
				|| settings.getApis().values().stream().anyMatch((api) -> api.getSslBundle() != null);
		if (serverFiles) {
			throw new InvalidProviderException(id, null,
					"names a file, key store or SSL bundle of the server: a stored provider authenticates with "
							+ "client-secret (client_secret_basic, client_secret_post or client_secret_jwt)");
		}
		if (settings.getJwksRefetchInterval().compareTo(MIN_REFETCH) < 0) {
			throw new InvalidProviderException(id, "jwks-refetch-interval", "is at least " + MIN_REFETCH.toSeconds()
					+ "s for a stored provider: anyone can send a token with an unknown key");
		}
		if (settings.getJwksMaxAge().compareTo(MIN_MAX_AGE) < 0) {
			throw new InvalidProviderException(id, "jwks-max-age", "is at least 1m for a stored provider");
		}
	}

	/** Every address the server will call or send tokens to, after the preset's. */
	void checkAddresses(String id, ProviderDefinition definition, AuthProviderProperties settings) {
		List<Address> addresses = new ArrayList<>();
		ProviderEndpoints endpoints = definition.endpoints();
		addresses.add(new Address("issuer-uri", definition.discoveryLocation()));
		addresses.add(new Address("issuer", endpoints.issuer()));
		addresses.add(new Address("authorization-uri", endpoints.authorization()));
		addresses.add(new Address("token-uri", endpoints.token()));
		addresses.add(new Address("user-info-uri", endpoints.userInfo()));
		addresses.add(new Address("jwk-set-uri", endpoints.jwkSet()));
		addresses.add(new Address("end-session-uri", endpoints.endSession()));
		addresses.add(new Address("revocation-uri", endpoints.revocation()));
		settings.getApis()
			.forEach((name, api) -> addresses.add(new Address("apis." + name + ".base-url", api.getBaseUrl())));
		// an address the preset made from domain or base-url names the setting written
		String presetInput = (settings.getDomain() != null) ? "domain"
				: (settings.getBaseUrl() != null) ? "base-url" : null;
		for (Address address : addresses) {
			if (address.value() != null) {
				boolean written = address.setting().startsWith("apis.") || settings.getIssuerUri() != null
						|| presetInput == null;
				check(id, written ? address.setting() : presetInput, address.value());
			}
		}
	}

	/**
	 * Checks the addresses a stored provider's discovery found, as those written are.
	 * @param registration the discovered registration
	 * @throws InvalidProviderException naming the metadata member at fault
	 */
	void checkDiscovered(ClientRegistration registration) {
		String id = registration.getRegistrationId();
		ClientRegistration.ProviderDetails details = registration.getProviderDetails();
		List<Address> addresses = new ArrayList<>();
		addresses.add(new Address("authorization_endpoint", details.getAuthorizationUri()));
		addresses.add(new Address("token_endpoint", details.getTokenUri()));
		addresses.add(new Address("userinfo_endpoint", details.getUserInfoEndpoint().getUri()));
		addresses.add(new Address("jwks_uri", details.getJwkSetUri()));
		collect("", details.getConfigurationMetadata(), addresses);
		for (Address address : addresses) {
			if (address.value() != null && !address.value().isEmpty()) {
				check(id, address.setting(), address.value());
			}
		}
	}

	/** Every endpoint of the metadata, the mutual-TLS aliases' included. */
	private static void collect(String prefix, Map<String, Object> metadata, List<Address> addresses) {
		metadata.forEach((name, value) -> {
			if (value instanceof String text && (name.endsWith("_endpoint") || name.endsWith("_uri"))) {
				addresses.add(new Address(prefix + name, text));
			}
			else if (value instanceof Map<?, ?> nested && name.equals("mtls_endpoint_aliases")) {
				Map<String, Object> aliases = new LinkedHashMap<>();
				nested.forEach((key, alias) -> aliases.put(String.valueOf(key), alias));
				collect(name + ".", aliases, addresses);
			}
		});
	}

	private void check(String id, String setting, String value) {
		URI uri;
		try {
			uri = URI.create(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidProviderException(id, setting, "is not a valid URL");
		}
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : null;
		if (host == null) {
			throw new InvalidProviderException(id, setting, "is not an absolute URL");
		}
		boolean loopback = host.equals("localhost") || host.endsWith(".localhost") || isLiteral(host, true);
		if (loopback) {
			if (!this.loopbackAllowed || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
				throw new InvalidProviderException(id, setting,
						"names this machine, which a stored provider may not (auth.provider-store.allow-loopback "
								+ "allows it for development)");
			}
			return;
		}
		if (!"https".equals(uri.getScheme())) {
			throw new InvalidProviderException(id, setting, "must be an https URL");
		}
		if (isLiteral(host, false)) {
			throw new InvalidProviderException(id, setting,
					"names an address of a private or link-local network, which a stored provider may not");
		}
	}

	/**
	 * Whether a host is an IP literal of loopback, or (with {@code loopbackOnly} false)
	 * of a private, link-local or unspecified network. Names are not resolved here: a
	 * name that resolves to such an address is the network's to refuse.
	 */
	private static boolean isLiteral(String host, boolean loopbackOnly) {
		String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
			return false;
		}
		try {
			InetAddress address = InetAddress.getByName(literal);
			if (loopbackOnly) {
				return address.isLoopbackAddress();
			}
			return address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
					|| address.isLoopbackAddress()
					|| (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc);
		}
		catch (UnknownHostException ex) {
			return true;
		}
	}

	private record Address(String setting, @Nullable String value) {
	}

}
