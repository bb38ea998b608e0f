package com.example.sample.demo;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The demo's OpenID Provider: Spring Authorization Server with two users, a confidential
 * client for the sample, refresh tokens and RP-initiated logout. It runs in its own
 * application context on its own port and is never part of a real deployment. It is
 * deliberately no {@code @Configuration}, so the sample's component scan never picks it
 * up.
 */
@EnableAutoConfiguration
public class DemoOpenIdProvider {

	/** The sample's client id at the demo provider. */
	public static final String CLIENT_ID = "demo-client";

	/** The sample's client secret at the demo provider. */
	public static final String CLIENT_SECRET = "demo-secret-not-for-production";

	/** The demo users' claims, put into their id tokens. */
	static final Map<String, Map<String, Object>> USERS = Map.of("alice",
			Map.of("name", "Alice Demo", "email", "alice@example.com", "email_verified", true), "bob",
			Map.of("name", "Bob Demo", "email", "bob@example.com", "email_verified", true));

	/** The password of every demo user. */
	public static final String PASSWORD = "password";

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, (authorizationServer) -> authorizationServer.oidc((oidc) -> oidc.logoutEndpoint(
					(logout) -> logout.authenticationProviders((providers) -> providers.forEach((candidate) -> {
						if (candidate instanceof OidcLogoutAuthenticationProvider logoutProvider) {
							logoutProvider.setAuthenticationValidator(new LoopbackPostLogoutRedirectValidator());
						}
					})))))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	UserDetailsService demoUsers() {
		return new InMemoryUserDetailsManager(USERS.keySet()
			.stream()
			.map((name) -> User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build())
			.toList());
	}

	@Bean
	RegisteredClientRepository demoClients(@Value("${server.port}") int port) {
		RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(CLIENT_ID)
			.clientSecret("{noop}" + CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			// any port on 127.0.0.1 matches (RFC 8252); localhost needs its ports listed
			.redirectUri("http://127.0.0.1:8080/login/oauth2/code/demo")
			.postLogoutRedirectUri("http://127.0.0.1:8080/auth/logged-out")
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.scope(OidcScopes.EMAIL)
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(Duration.ofMinutes(5))
				.reuseRefreshTokens(false)
				.build());
		for (int appPort = 8080; appPort < 8090; appPort++) {
			client.redirectUri("http://localhost:" + appPort + "/login/oauth2/code/demo")
				.postLogoutRedirectUri("http://localhost:" + appPort + "/auth/logged-out");
		}
		return new InMemoryRegisteredClientRepository(client.build());
	}

	@Bean
	JWKSource<SecurityContext> demoKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
				.privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Bean
	JwtDecoder demoJwtDecoder(JWKSource<SecurityContext> keys) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
	}

	@Bean
	AuthorizationServerSettings demoIssuer(@Value("${server.port}") int port) {
		return AuthorizationServerSettings.builder().issuer("http://localhost:" + port).build();
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> demoClaims() {
		return (context) -> {
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				Map<String, Object> claims = USERS.get(context.getPrincipal().getName());
				if (claims != null) {
					context.getClaims().claims((existing) -> existing.putAll(claims));
				}
			}
		};
	}

}
