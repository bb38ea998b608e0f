package io.github.authstarter.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.ProviderRegistrations;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientKeyLoader} with EC keys in PEM files without a certificate, as
 * OpenSSL writes them (with the public key) and as the JDK encodes them (without).
 */
class ClientKeyLoaderTests {

	private static final String LOCATION = "auth.providers.corp.client-key.location";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(AuthProvidersAutoConfiguration.class, OAuth2ClientAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void assertionKeyWhenEcKeyCarriesItsPublicKeyThenNoCertificateIsNeeded() throws Exception {
		KeyPair pair = ec();
		Path key = pem("ec-public.pem", pkcs8((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic()));
		this.contextRunner.withPropertyValues(signingWith(key)).run((context) -> {
			assertThat(context).hasNotFailed();
			ClientRegistration corp = context.getBean(ProviderRegistrations.class).findByRegistrationId("corp");
			SignedJWT assertion = SignedJWT.parse(context.getBean(ClientCredentials.class).assertion(corp));
			assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
			assertThat(assertion.verify(new ECDSAVerifier((ECPublicKey) pair.getPublic()))).isTrue();
		});
	}

	@Test
	void assertionKeyWhenEcKeyCarriesNoPublicKeyNorCertificateThenFailsSayingWhatIsMissing() throws Exception {
		Path key = pem("ec.pem", pkcs8((ECPrivateKey) ec().getPrivate(), null));
		this.contextRunner.withPropertyValues(signingWith(key)).run((context) -> {
			InvalidConfigurationPropertyValueException failure = keyFailure(context);
			assertThat(failure.getName()).isEqualTo(LOCATION);
			assertThat(failure.getValue()).as("set, so never reported as not set").isNotNull();
			assertThat(failure.getReason()).contains("carries no public key").contains("certificate");
			assertThat(new MissingAuthPropertyFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
		});
	}

	@Test
	void assertionKeyWhenEcKeyCarriesAnotherKeysPublicKeyThenFailsNamingTheProperty() throws Exception {
		Path key = pem("ec-other.pem", pkcs8((ECPrivateKey) ec().getPrivate(), (ECPublicKey) ec().getPublic()));
		this.contextRunner.withPropertyValues(signingWith(key)).run((context) -> {
			InvalidConfigurationPropertyValueException failure = keyFailure(context);
			assertThat(failure.getName()).isEqualTo(LOCATION);
			assertThat(failure.getReason()).contains("does not belong");
		});
	}

	/** {@code corp} by explicit endpoints, signing its assertions with a key file. */
	private static String[] signingWith(Path key) {
		return new String[] { "auth.providers.corp.authorization-uri=https://sso.example.com/authorize",
				"auth.providers.corp.token-uri=https://sso.example.com/token",
				"auth.providers.corp.jwk-set-uri=https://sso.example.com/jwks",
				"auth.providers.corp.issuer=https://sso.example.com", "auth.providers.corp.client-id=corp-client",
				"auth.providers.corp.client-authentication-method=private_key_jwt", LOCATION + "=file:" + key };
	}

	private static InvalidConfigurationPropertyValueException keyFailure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
		assertThat(cause).isInstanceOf(InvalidConfigurationPropertyValueException.class);
		return (InvalidConfigurationPropertyValueException) cause;
	}

	private Path pem(String name, byte[] pkcs8) throws Exception {
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
				+ "\n-----END PRIVATE KEY-----\n";
		return Files.writeString(this.dir.resolve(name), pem);
	}

	private static KeyPair ec() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	/**
	 * A P-256 private key in PKCS#8 as OpenSSL writes it, with the public key of RFC 5915
	 * that the JDK's own encoding leaves out, or without it.
	 */
	private static byte[] pkcs8(ECPrivateKey privateKey, @Nullable ECPublicKey publicKey) {
		byte[] algorithm = der(0x30, der(0x06, bytes(0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01)),
				der(0x06, bytes(0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07)));
		byte[] version = der(0x02, bytes(1));
		byte[] secret = der(0x04, unsigned(privateKey.getS()));
		byte[] ecPrivateKey = der(0x30, version, secret);
		if (publicKey != null) {
			byte[] point = der(0x03, bytes(0, 4), unsigned(publicKey.getW().getAffineX()),
					unsigned(publicKey.getW().getAffineY()));
			ecPrivateKey = der(0x30, version, secret, der(0xA1, point));
		}
		return der(0x30, der(0x02, bytes(0)), algorithm, der(0x04, ecPrivateKey));
	}

	private static byte[] der(int tag, byte[]... parts) {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			content.writeBytes(part);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		if (content.size() > 127) {
			out.write(0x81);
		}
		out.write(content.size());
		out.writeBytes(content.toByteArray());
		return out.toByteArray();
	}

	/** A P-256 scalar or coordinate as its 32 bytes. */
	private static byte[] unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		byte[] fixed = new byte[32];
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
		return fixed;
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
