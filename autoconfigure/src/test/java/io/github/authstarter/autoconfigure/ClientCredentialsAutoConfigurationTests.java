package io.github.authstarter.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.ProviderProfile;
import io.github.authstarter.provider.ProviderProfiles;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.testbed.ClientKeyStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client authentication settings at startup: keys that are missing, unreadable or of the
 * wrong kind fail naming the property; Apple's client secret is generated from the team's
 * key; a credentials bean of the application's own wins.
 */
class ClientCredentialsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(AuthProvidersAutoConfiguration.class, OAuth2ClientAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void privateKeyJwtWithoutAKeyFailsNamingTheProperty() {
		failsNaming("auth.providers.corp.client-key.location", "auth.providers.corp.client-authentication-method",
				"private_key_jwt");
	}

	@Test
	void aMissingOrUnreadableKeyFileFailsNamingTheProperty() throws Exception {
		failsNaming("auth.providers.corp.client-key.location", "auth.providers.corp.client-authentication-method",
				"private_key_jwt", "auth.providers.corp.client-key.location", "file:" + this.dir.resolve("none.pem"));
		Path garbage = Files.writeString(this.dir.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n");
		failsNaming("auth.providers.corp.client-key.location", "auth.providers.corp.client-authentication-method",
				"private_key_jwt", "auth.providers.corp.client-key.location", "file:" + garbage);
	}

	@Test
	void aWeakRsaKeyOrAKeystoreWithTheWrongPasswordFailsNamingTheProperty() throws Exception {
		Path weak = pem(this.dir.resolve("weak.pem"), rsa(1024));
		failsNaming("auth.providers.corp.client-key.location", "auth.providers.corp.client-authentication-method",
				"private_key_jwt", "auth.providers.corp.client-key.location", "file:" + weak);
		Path store = this.dir.resolve("empty.p12");
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		try (var out = Files.newOutputStream(store)) {
			keyStore.store(out, "right".toCharArray());
		}
		failsNaming("auth.providers.corp.client-key.location", "auth.providers.corp.client-authentication-method",
				"private_key_jwt", "auth.providers.corp.client-key.location", "file:" + store,
				"auth.providers.corp.client-key.password", "wrong");
		failsNaming("auth.providers.corp.client-key.alias", "auth.providers.corp.client-authentication-method",
				"private_key_jwt", "auth.providers.corp.client-key.location", "file:" + store,
				"auth.providers.corp.client-key.password", "right");
	}

	@Test
	void anRsaKeyUnderTheFapi2ProfileSignsItsAssertionsPs256AndRs256Otherwise() throws Exception {
		KeyPair pair = rsa(2048);
		Path key = pem(this.dir.resolve("rsa.pem"), pair);
		ClientRegistration corp = ClientRegistration.withRegistrationId("corp")
			.clientId("c")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://app.example/login/oauth2/code/corp")
			.authorizationUri("https://sso.example.com/authorize")
			.tokenUri("https://sso.example.com/token")
			.issuerUri("https://sso.example.com")
			.build();
		for (boolean profile : List.of(true, false)) {
			List<String> values = new ArrayList<>(
					List.of("auth.providers.corp.issuer-uri=https://sso.example.com", "auth.providers.corp.client-id=c",
							"auth.providers.corp.client-authentication-method=private_key_jwt",
							"auth.providers.corp.client-key.location=file:" + key));
			if (profile) {
				values.add("auth.providers.corp.profile=fapi2");
			}
			this.contextRunner.withPropertyValues(values.toArray(String[]::new)).run((context) -> {
				SignedJWT assertion = SignedJWT.parse(context.getBean(ClientCredentials.class).assertion(corp));
				// FAPI 2.0 allows PS256 and ES256, never RS256
				assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo(profile ? "PS256" : "RS256");
				assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic()))).isTrue();
			});
		}
	}

	@Test
	void anEcKeyOfAnotherCurveUnderTheFapi2ProfileFailsNamingTheProperty() throws Exception {
		Path store = this.dir.resolve("p384.p12");
		ClientKeyStores.keyStore(store, "secret", "corp", "-keyalg", "EC", "-groupname", "secp384r1", "-sigalg",
				"SHA384withECDSA");
		// ES384 is not a FAPI 2.0 algorithm
		failsNaming("auth.providers.corp.client-key.location", "auth.providers.corp.client-authentication-method",
				"private_key_jwt", "auth.providers.corp.client-key.location", "file:" + store,
				"auth.providers.corp.client-key.password", "secret", "auth.providers.corp.profile", "fapi2");
	}

	@Test
	void theProfilesBackOffForTheApplicationsOwn() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.providers.google.client-secret=s")
			.withBean(ProviderProfiles.class, () -> new ProviderProfiles(Map.of("google", ProviderProfile.FAPI2)))
			.run((context) -> assertThat(context.getBean(ProviderProfiles.class).of("google"))
				.isEqualTo(ProviderProfile.FAPI2));
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.providers.google.client-secret=s")
			.run((context) -> assertThat(context.getBean(ProviderProfiles.class).of("google")).isNull());
	}

	@Test
	void anEcKeyWithoutItsCertificateFailsNamingTheProperty() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		Path ec = pem(this.dir.resolve("ec.pem"), generator.generateKeyPair());
		failsNaming("auth.providers.corp.client-key.location", "auth.providers.corp.client-authentication-method",
				"private_key_jwt", "auth.providers.corp.client-key.location", "file:" + ec);
	}

	@Test
	void clientSecretJwtNeedsAStrongSecretAndAKeyNeedsPrivateKeyJwt() throws Exception {
		failsNaming("auth.providers.corp.client-secret", "auth.providers.corp.client-authentication-method",
				"client_secret_jwt", "auth.providers.corp.client-secret", "too-short");
		failsNaming("auth.providers.corp.client-key", "auth.providers.corp.client-secret", "s",
				"auth.providers.corp.client-key.location", "file:" + pem(this.dir.resolve("k.pem"), rsa(2048)));
		failsNaming("auth.providers.corp.client-secret", "auth.providers.corp.client-authentication-method",
				"private_key_jwt", "auth.providers.corp.client-secret", "never-sent",
				"auth.providers.corp.client-key.location", "file:" + pem(this.dir.resolve("k2.pem"), rsa(2048)));
	}

	@Test
	void aGoodPemKeyLoadsAndAnApplicationsOwnCredentialsWin() throws Exception {
		Path key = pem(this.dir.resolve("good.pem"), rsa(2048));
		this.contextRunner.withPropertyValues("auth.providers.corp.issuer-uri=https://sso.example.com",
				"auth.providers.corp.client-id=c", "auth.providers.corp.client-authentication-method=private_key_jwt",
				"auth.providers.corp.client-key.location=file:" + key)
			.run((context) -> assertThat(context.getBean(ClientCredentials.class).toString()).contains("corp"));
		this.contextRunner
			.withPropertyValues("auth.providers.corp.issuer-uri=https://sso.example.com",
					"auth.providers.corp.client-id=c")
			.withBean("mine", ClientCredentials.class, () -> ClientCredentials.NONE)
			.run((context) -> assertThat(context.getBean(ClientCredentials.class)).isSameAs(ClientCredentials.NONE));
	}

	@Test
	void aKeyFromAnSslBundleSignsAssertionsTheProviderCanCheck() throws Exception {
		Path store = this.dir.resolve("bundle.p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "signing", "-keyalg", "RSA",
				"-keysize", "2048", "-dname", "CN=corp-client", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				store.toString(), "-storepass", "bundle-secret")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (var in = Files.newInputStream(store)) {
			keyStore.load(in, "bundle-secret".toCharArray());
		}
		Certificate certificate = keyStore.getCertificate("signing");
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("spring.ssl.bundle.jks.client.keystore.location=file:" + store,
					"spring.ssl.bundle.jks.client.keystore.password=bundle-secret",
					"spring.ssl.bundle.jks.client.keystore.type=PKCS12",
					"auth.providers.corp.authorization-uri=https://sso.example.com/authorize",
					"auth.providers.corp.token-uri=https://sso.example.com/token",
					"auth.providers.corp.jwk-set-uri=https://sso.example.com/jwks",
					"auth.providers.corp.issuer=https://sso.example.com", "auth.providers.corp.client-id=corp-client",
					"auth.providers.corp.client-authentication-method=private_key_jwt",
					"auth.providers.corp.client-key.bundle=client", "auth.providers.corp.client-key.key-id=k1")
			.run((context) -> {
				ClientRegistration corp = context.getBean(ProviderRegistrations.class).findByRegistrationId("corp");
				SignedJWT assertion = SignedJWT.parse(context.getBean(ClientCredentials.class).assertion(corp));
				assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) certificate.getPublicKey()))).isTrue();
				assertThat(assertion.getHeader().getKeyID()).isEqualTo("k1");
				assertThat(assertion.getHeader().getX509CertSHA256Thumbprint()).hasToString(Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
				// the issuer is configured, so it is the audience
				assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly("https://sso.example.com");
				assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("corp-client");
			});
		failsNaming("auth.providers.corp.client-key.bundle", "auth.providers.corp.client-authentication-method",
				"private_key_jwt", "auth.providers.corp.client-key.bundle", "missing");
	}

	@Test
	void assertionsAreForThePresetsAudienceElseTheIssuerAndAnExplicitChoiceWins() throws Exception {
		String key = "file:" + pem(this.dir.resolve("audience.pem"), rsa(2048));
		List<String> values = new ArrayList<>(List.of("auth.providers.okta.domain=dev-1.okta.com",
				"auth.providers.keycloak.base-url=https://sso.example.com", "auth.providers.keycloak.realm=corp",
				"auth.providers.corp.authorization-uri=https://corp.example.com/authorize",
				"auth.providers.corp.token-uri=https://corp.example.com/token",
				"auth.providers.corp.jwk-set-uri=https://corp.example.com/jwks",
				"auth.providers.auth0.domain=tenant.auth0.com",
				"auth.providers.auth0.client-assertion-audience=token-endpoint"));
		for (String id : List.of("okta", "keycloak", "corp", "auth0")) {
			values.add("auth.providers." + id + ".client-id=" + id + "-client");
			values.add("auth.providers." + id + ".client-authentication-method=private_key_jwt");
			values.add("auth.providers." + id + ".client-key.location=" + key);
		}
		this.contextRunner.withPropertyValues(values.toArray(String[]::new)).run((context) -> {
			ProviderRegistrations registrations = context.getBean(ProviderRegistrations.class);
			ClientCredentials credentials = context.getBean(ClientCredentials.class);
			// Okta documents the token endpoint only; Keycloak takes the issuer; a
			// provider of explicit endpoints without an issuer gets the token endpoint;
			// an explicit choice wins over the preset's
			assertThat(audience(credentials, registrations, "okta"))
				.containsExactly("https://dev-1.okta.com/oauth2/default/v1/token");
			assertThat(audience(credentials, registrations, "keycloak"))
				.containsExactly("https://sso.example.com/realms/corp");
			assertThat(audience(credentials, registrations, "corp")).containsExactly("https://corp.example.com/token");
			assertThat(audience(credentials, registrations, "auth0"))
				.containsExactly("https://tenant.auth0.com/oauth/token");
		});
	}

	private static List<String> audience(ClientCredentials credentials, ProviderRegistrations registrations, String id)
			throws Exception {
		return SignedJWT.parse(credentials.assertion(registrations.findByRegistrationId(id)))
			.getJWTClaimsSet()
			.getAudience();
	}

	@Test
	void applesClientSecretIsGeneratedFromTheTeamsKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = generator.generateKeyPair();
		Path p8 = pem(this.dir.resolve("AuthKey_ABC123DEFG.p8"), pair);
		this.contextRunner
			.withPropertyValues("auth.providers.apple.client-id=com.example.web",
					"auth.providers.apple.team-id=TEAM123456", "auth.providers.apple.key-id=ABC123DEFG",
					"auth.providers.apple.private-key=file:" + p8)
			.run((context) -> {
				ClientRegistration apple = context.getBean(ProviderRegistrations.class).findByRegistrationId("apple");
				assertThat(apple.getClientAuthenticationMethod())
					.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
				SignedJWT secret = SignedJWT.parse(apple.getClientSecret());
				assertThat(secret.verify(new ECDSAVerifier((ECPublicKey) pair.getPublic()))).isTrue();
				assertThat(secret.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
				assertThat(secret.getHeader().getKeyID()).isEqualTo("ABC123DEFG");
				assertThat(secret.getJWTClaimsSet().getIssuer()).isEqualTo("TEAM123456");
				assertThat(secret.getJWTClaimsSet().getSubject()).isEqualTo("com.example.web");
				assertThat(secret.getJWTClaimsSet().getAudience()).containsExactly("https://appleid.apple.com");
				assertThat(context.getBean(ProviderRegistrations.class).findByRegistrationId("apple"))
					.as("kept until renewal")
					.isSameAs(apple);
			});
		failsNaming("auth.providers.apple.key-id", "auth.providers.apple.client-id=com.example.web",
				"auth.providers.apple.team-id", "TEAM123456", "auth.providers.apple.private-key", "file:" + p8);
		failsNaming("auth.providers.apple.private-key", "auth.providers.apple.team-id", "TEAM123456",
				"auth.providers.apple.key-id", "K", "auth.providers.apple.private-key",
				"file:" + pem(this.dir.resolve("rsa.p8"), rsa(2048)));
		failsNaming("auth.providers.apple.client-secret", "auth.providers.apple.team-id", "TEAM123456",
				"auth.providers.apple.key-id", "K", "auth.providers.apple.private-key", "file:" + p8,
				"auth.providers.apple.client-secret", "pre-signed");
		failsNaming("auth.providers.google.team-id", "auth.providers.google.team-id", "TEAM123456");
	}

	/**
	 * Starts with {@code corp}'s (or another provider's) settings and expects a failure.
	 */
	private void failsNaming(String property, String... keyValues) {
		List<String> values = new ArrayList<>();
		values.add("auth.providers.corp.issuer-uri=https://sso.example.com");
		values.add("auth.providers.corp.client-id=c");
		values.add("auth.providers.apple.client-id=com.example.web");
		values.add("auth.providers.google.client-id=g");
		for (int i = 0; i < keyValues.length; i++) {
			if (keyValues[i].contains("=")) {
				values.add(keyValues[i]);
			}
			else {
				values.add(keyValues[i] + "=" + keyValues[++i]);
			}
		}
		this.contextRunner.withPropertyValues(values.toArray(String[]::new))
			.run((context) -> assertThat(context.getStartupFailure()).as(String.join(", ", keyValues))
				.isNotNull()
				.hasStackTraceContaining("Property " + property + " "));
	}

	private static KeyPair rsa(int bits) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(bits);
		return generator.generateKeyPair();
	}

	private static Path pem(Path file, KeyPair pair) throws Exception {
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(pair.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		return Files.writeString(file, pem);
	}

}
