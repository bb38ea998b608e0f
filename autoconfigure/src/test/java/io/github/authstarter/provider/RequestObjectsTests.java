package io.github.authstarter.provider;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.authstarter.test.server.Browser;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link RequestObjects}: what a signed request carries, inside and outside,
 * and which algorithm an RSA key signs it with.
 */
class RequestObjectsTests {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	private static final RSAKey key = rsa();

	@Test
	void everyParameterGoesInsideAndOnlyWhatOpenIdConnectWantsOutside() throws Exception {
		SignedJWT signed = requestObject(sign(Set.of(), Map.of()));
		assertThat(signed.getHeader().getType().getType()).isEqualTo("oauth-authz-req+jwt");
		JWTClaimsSet claims = signed.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("bank-client");
		assertThat(claims.getAudience()).containsExactly("https://id.bank.example");
		// a little in the past, for a provider whose clock runs behind
		assertThat(claims.getNotBeforeTime()).isEqualTo(Date.from(NOW.minusSeconds(10)));
		assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plusSeconds(60)));
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getStringClaim("redirect_uri")).isEqualTo("https://app.example/login/oauth2/code/bank");
		assertThat(claims.getStringClaim("state")).isEqualTo("the-state");
		// as OpenID Connect writes them in a request object
		assertThat(claims.getJSONObjectClaim("claims")).containsKey("id_token");
		assertThat(claims.getClaim("max_age")).isEqualTo(300L);
		assertThat(signed.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
	}

	@Test
	void theBrowsersUrlCarriesOnlyTheClientTheResponseTypeTheScopeAndTheObject() {
		OAuth2AuthorizationRequest signed = sign(Set.of(), Map.of());
		assertThat(Browser.queryParameters(signed.getAuthorizationRequestUri())).containsOnlyKeys("client_id",
				"response_type", "scope", "request");
		// the flow record keeps the request as it was built, for the callback's checks
		assertThat(signed.getState()).isEqualTo("the-state");
		assertThat(signed.getRedirectUri()).isEqualTo("https://app.example/login/oauth2/code/bank");
	}

	@Test
	void anRsaKeySignsPs256UnderAProfileOrWhereTheProviderListsOnlyPs256ElseRs256() throws Exception {
		assertThat(requestObject(sign(Set.of("bank"), Map.of())).getHeader().getAlgorithm().getName())
			.isEqualTo("PS256");
		assertThat(requestObject(
				sign(Set.of(), Map.of("request_object_signing_alg_values_supported", List.of("PS256", "ES256"))))
			.getHeader()
			.getAlgorithm()
			.getName()).isEqualTo("PS256");
		assertThat(requestObject(
				sign(Set.of(), Map.of("request_object_signing_alg_values_supported", List.of("RS256", "PS256"))))
			.getHeader()
			.getAlgorithm()
			.getName()).isEqualTo("RS256");
	}

	@Test
	void aProviderWhoseRequestsAreNotSignedKeepsItsRequest() {
		ProviderRegistrations registrations = mock(ProviderRegistrations.class);
		RequestObjects objects = new RequestObjects(Set.of("other"), registrations,
				new ClientCredentials(Map.of("bank", key), Map.of(), Set.of(), Clock.fixed(NOW, ZoneOffset.UTC)),
				Clock.fixed(NOW, ZoneOffset.UTC));
		OAuth2AuthorizationRequest request = request();
		assertThat(objects.sign(request)).isSameAs(request);
	}

	private static OAuth2AuthorizationRequest sign(Set<String> ps256, Map<String, Object> metadata) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("bank")
			.clientId("bank-client")
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://app.example/login/oauth2/code/bank")
			.authorizationUri("https://id.bank.example/authorize")
			.tokenUri("https://id.bank.example/token")
			.issuerUri("https://id.bank.example")
			.providerConfigurationMetadata(metadata)
			.build();
		ProviderRegistrations registrations = mock(ProviderRegistrations.class);
		given(registrations.findByRegistrationId("bank")).willReturn(registration);
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		return new RequestObjects(Set.of("bank"), registrations,
				new ClientCredentials(Map.of("bank", key), Map.of(), ps256, clock), clock)
			.sign(request());
	}

	private static OAuth2AuthorizationRequest request() {
		return OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("https://id.bank.example/authorize")
			.clientId("bank-client")
			.redirectUri("https://app.example/login/oauth2/code/bank")
			.scopes(Set.of("openid"))
			.state("the-state")
			.additionalParameters(Map.of("claims", "{\"id_token\":{\"acr\":{\"essential\":true}}}", "max_age", "300"))
			.attributes(Map.of(OAuth2ParameterNames.REGISTRATION_ID, "bank"))
			.build();
	}

	private static SignedJWT requestObject(OAuth2AuthorizationRequest signed) throws Exception {
		return SignedJWT.parse(Browser.queryParameters(signed.getAuthorizationRequestUri()).get("request"));
	}

	private static RSAKey rsa() {
		try {
			return new RSAKeyGenerator(2048).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
