package io.github.authstarter.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.Resource;

/**
 * Loads the keys of client authentication at startup, refusing, naming the property, a
 * key that is missing, unreadable or of the wrong type: {@code private_key_jwt}'s private
 * key from a PEM file, a PKCS#12 or JKS keystore or an SSL bundle (through the JDK's
 * {@link KeyStore} and Spring Boot's {@link PemContent}), {@code client_secret_jwt}'s
 * secret, and Apple's {@code .p8} key.
 */
final class ClientKeyLoader {

	private ClientKeyLoader() {
	}

	/**
	 * The key a provider signs its client assertions with.
	 * @return the key, or {@code null} when the provider authenticates otherwise
	 */
	static @Nullable JWK assertionKey(String id, AuthProviderProperties provider, @Nullable SslBundles bundles) {
		String prefix = "auth.providers." + id;
		String method = provider.getClientAuthenticationMethod();
		AuthClientKeyProperties key = provider.getClientKey();
		boolean keyConfigured = key.getLocation() != null || key.getBundle() != null;
		if ("client_secret_jwt".equals(method)) {
			byte[] secret = (provider.getClientSecret() != null)
					? provider.getClientSecret().getBytes(StandardCharsets.UTF_8) : new byte[0];
			if (secret.length < 32) {
				throw invalid(prefix + ".client-secret", null,
						"client_secret_jwt signs with HS256, which needs a secret of at least 32 bytes");
			}
			return new OctetSequenceKey.Builder(secret).build();
		}
		if (!"private_key_jwt".equals(method)) {
			if (keyConfigured) {
				throw invalid(prefix + ".client-key", null,
						"a client key is used only with client-authentication-method: private_key_jwt");
			}
			return null;
		}
		if (key.getBundle() != null && key.getLocation() != null) {
			throw invalid(prefix + ".client-key.bundle", key.getBundle(),
					"set client-key.location or .bundle, not both");
		}
		if (key.getBundle() != null) {
			return fromBundle(prefix + ".client-key.bundle", key, bundles);
		}
		Resource location = key.getLocation();
		if (location == null) {
			throw invalid(prefix + ".client-key.location", null,
					"private_key_jwt needs the private key: client-key.location (PEM, .p12, .jks) or client-key.bundle");
		}
		String property = prefix + ".client-key.location";
		String name = (location.getFilename() != null) ? location.getFilename().toLowerCase(Locale.ROOT) : "";
		try (InputStream in = location.getInputStream()) {
			if (name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks")) {
				KeyStore store = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
				char[] password = (key.getPassword() != null) ? key.getPassword().toCharArray() : new char[0];
				store.load(in, password);
				return fromKeyStore(property, prefix + ".client-key.alias", location.getDescription(), store,
						key.getAlias(), password, key.getKeyId());
			}
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			PemContent pem = PemContent.of(text);
			PrivateKey privateKey = pem.getPrivateKey(key.getPassword());
			if (privateKey == null) {
				throw invalid(property, location.getDescription(), "holds no private key");
			}
			List<X509Certificate> certificates = text.contains("-----BEGIN CERTIFICATE-----") ? pem.getCertificates()
					: List.of();
			return jwk(property, location.getDescription(), privateKey,
					certificates.isEmpty() ? null : certificates.get(0), key.getKeyId());
		}
		catch (IOException | GeneralSecurityException | IllegalStateException ex) {
			throw invalid(property, location.getDescription(), "cannot be read as a private key: " + reason(ex));
		}
	}

	/** Apple's {@code .p8} key. */
	static ECPrivateKey appleKey(String property, Resource location) {
		try (InputStream in = location.getInputStream()) {
			PrivateKey key = PemContent.load(in).getPrivateKey();
			if (!(key instanceof ECPrivateKey ec)) {
				throw invalid(property, location.getDescription(), "must be the EC key of Sign in with Apple (.p8)");
			}
			return ec;
		}
		catch (IOException | IllegalStateException ex) {
			throw invalid(property, location.getDescription(), "cannot be read as a .p8 key: " + reason(ex));
		}
	}

	private static JWK fromBundle(String property, AuthClientKeyProperties key, @Nullable SslBundles bundles) {
		if (bundles == null) {
			throw invalid(property, key.getBundle(), "no SSL bundles are configured (spring.ssl.bundle.*)");
		}
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(key.getBundle());
		}
		catch (NoSuchSslBundleException ex) {
			throw invalid(property, key.getBundle(), "no such SSL bundle");
		}
		KeyStore store = bundle.getStores().getKeyStore();
		if (store == null) {
			throw invalid(property, key.getBundle(), "the bundle has no key store");
		}
		String alias = (bundle.getKey().getAlias() != null) ? bundle.getKey().getAlias() : key.getAlias();
		String password = (bundle.getKey().getPassword() != null) ? bundle.getKey().getPassword()
				: bundle.getStores().getKeyStorePassword();
		try {
			return fromKeyStore(property, property, key.getBundle(), store, alias,
					(password != null) ? password.toCharArray() : new char[0], key.getKeyId());
		}
		catch (GeneralSecurityException ex) {
			throw invalid(property, key.getBundle(), "its key cannot be read: " + reason(ex));
		}
	}

	/**
	 * The key of a key store at {@code property}, whose {@code value} a failure shows: a
	 * property that is set is never reported as missing.
	 */
	private static JWK fromKeyStore(String property, String aliasProperty, @Nullable String value, KeyStore store,
			@Nullable String alias, char[] password, @Nullable String keyId) throws GeneralSecurityException {
		String chosen = alias;
		if (chosen == null) {
			List<String> keys = Collections.list(store.aliases()).stream().filter((name) -> {
				try {
					return store.isKeyEntry(name);
				}
				catch (GeneralSecurityException ex) {
					return false;
				}
			}).toList();
			if (keys.size() != 1) {
				throw invalid(aliasProperty, null,
						"the key store holds " + keys.size() + " keys; name the one to use with client-key.alias");
			}
			chosen = keys.get(0);
		}
		if (!store.isKeyEntry(chosen) || !(store.getKey(chosen, password) instanceof PrivateKey privateKey)) {
			throw invalid(aliasProperty, chosen, "names no private key in the key store");
		}
		Certificate certificate = store.getCertificate(chosen);
		return jwk(property, value, privateKey, (certificate instanceof X509Certificate x509) ? x509 : null, keyId);
	}

	private static JWK jwk(String property, @Nullable String value, PrivateKey privateKey,
			@Nullable X509Certificate certificate, @Nullable String keyId) throws GeneralSecurityException {
		PublicKey publicKey = (certificate != null) ? certificate.getPublicKey() : null;
		// x5t#S256: how Entra ID and others find the registered certificate
		Base64URL thumbprint = (certificate != null)
				? Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())) : null;
		String kid = (keyId != null && !keyId.isBlank()) ? keyId.strip() : null;
		if (privateKey instanceof RSAPrivateKey rsa) {
			RSAPublicKey rsaPublic;
			if (publicKey instanceof RSAPublicKey fromCertificate) {
				rsaPublic = fromCertificate;
			}
			else if (rsa instanceof RSAPrivateCrtKey crt) {
				rsaPublic = (RSAPublicKey) KeyFactory.getInstance("RSA")
					.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
			}
			else {
				throw invalid(property, value, "an RSA key without its certificate must be in PKCS#8 CRT form");
			}
			if (!rsaPublic.getModulus().equals(rsa.getModulus())) {
				throw invalid(property, value, "the certificate does not belong to the private key");
			}
			if (rsaPublic.getModulus().bitLength() < 2048) {
				throw invalid(property, value, "an RSA key needs at least 2048 bits");
			}
			return new RSAKey.Builder(rsaPublic).privateKey(rsa)
				.x509CertSHA256Thumbprint(thumbprint)
				.keyID(kid)
				.build();
		}
		if (privateKey instanceof ECPrivateKey ec) {
			ECPublicKey ecPublic = (publicKey instanceof ECPublicKey fromCertificate) ? fromCertificate
					: EmbeddedEcPublicKey.of(ec);
			if (ecPublic == null) {
				String reason = "the EC private key carries no public key and has no certificate beside it: put its "
						+ "certificate after it in the PEM file, or write the key with its public key, as OpenSSL does "
						+ "(openssl pkcs8 -topk8 -nocrypt -in key.pem)";
				throw invalid(property, value, reason);
			}
			if (!signsFor(ec, ecPublic)) {
				throw invalid(property, value, "the public key does not belong to the EC private key");
			}
			Curve curve = Curve.forECParameterSpec(ecPublic.getParams());
			if (curve == null) {
				throw invalid(property, value, "the EC key's curve is not P-256, P-384 or P-521");
			}
			return new ECKey.Builder(curve, ecPublic).privateKey(ec)
				.x509CertSHA256Thumbprint(thumbprint)
				.keyID(kid)
				.build();
		}
		throw invalid(property, value, "must be an RSA or EC private key, not " + privateKey.getAlgorithm());
	}

	/** Whether a signature of the private key verifies with the public key. */
	private static boolean signsFor(ECPrivateKey privateKey, ECPublicKey publicKey) throws GeneralSecurityException {
		byte[] probe = "client key check".getBytes(StandardCharsets.US_ASCII);
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(privateKey);
		signer.update(probe);
		Signature verifier = Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(publicKey);
		verifier.update(probe);
		return verifier.verify(signer.sign());
	}

	private static String reason(Exception ex) {
		// the message of a key parser never holds key material, but may be absent
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, @Nullable Object value,
			String reason) {
		return ProviderPropertiesValidator.invalid(name, value, reason);
	}

}
