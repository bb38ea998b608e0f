package io.github.authstarter.provider;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@code aud} of a client assertion ({@code private_key_jwt},
 * {@code client_secret_jwt}, RFC 7523 3).
 */
public enum ClientAssertionAudience {

	/**
	 * The token endpoint's URL, as RFC 7523 names it: what Microsoft Entra ID and Okta
	 * require.
	 */
	TOKEN_ENDPOINT,

	/**
	 * The provider's issuer identifier as the only value, as the OpenID Foundation's 2025
	 * advisory on audience injection recommends: the assertion then names the provider
	 * the client meant, whatever endpoint it was sent to, and no other provider can use
	 * it.
	 */
	ISSUER;

	private static final Log logger = LogFactory.getLog(ClientAssertionAudience.class);

	/**
	 * The audience of a provider's assertions: the configured one, else the preset's,
	 * else the issuer. The token endpoint when the issuer is not known (a provider
	 * configured by explicit endpoints without {@code issuer}, a multi-tenant issuer
	 * template), which a log line says at startup.
	 * @param configured {@code auth.providers.<id>.client-assertion-audience}, or
	 * {@code null}
	 * @param provider the provider
	 * @return the audience its assertions carry
	 */
	public static ClientAssertionAudience of(@Nullable ClientAssertionAudience configured,
			ProviderDefinition provider) {
		ClientAssertionAudience wanted = configured;
		if (wanted == null) {
			ProviderPreset preset = provider.preset();
			wanted = (preset != null) ? preset.clientAssertionAudience() : ISSUER;
		}
		if (wanted == ISSUER && !issuerKnown(provider)) {
			String id = provider.registrationId();
			logger.warn("Provider '" + id + "' signs client assertions for its token endpoint: its issuer is not "
					+ "known; set auth.providers." + id + ".issuer (or issuer-uri) to sign them for the issuer");
			return TOKEN_ENDPOINT;
		}
		return wanted;
	}

	/** A discovered issuer is known from the first login on, before any assertion. */
	private static boolean issuerKnown(ProviderDefinition provider) {
		ProviderEndpoints endpoints = provider.endpoints();
		return provider.discoveryLocation() != null || (endpoints.issuer() != null && !endpoints.templatedIssuer());
	}

}
