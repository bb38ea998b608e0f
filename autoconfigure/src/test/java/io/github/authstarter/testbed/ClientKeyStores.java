package io.github.authstarter.testbed;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's key (EC P-256 or RSA 2048) and its self-signed certificate in a PKCS#12
 * keystore, made by the JDK's keytool as an operator would make one.
 */
public final class ClientKeyStores {

	private ClientKeyStores() {
	}

	/**
	 * The keystore at {@code store}, made first when it does not exist; the key's alias
	 * is {@code client}.
	 * @param store the keystore file
	 * @param password its password
	 * @param name the certificate's common name
	 * @return the loaded keystore
	 * @throws Exception when keytool fails or the store cannot be read
	 */
	public static KeyStore ec(Path store, String password, String name) throws Exception {
		return keyStore(store, password, name, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
				"SHA256withECDSA");
	}

	/**
	 * The keystore at {@code store} with an RSA 2048 key, made first when it does not
	 * exist; the key's alias is {@code client}.
	 * @param store the keystore file
	 * @param password its password
	 * @param name the certificate's common name
	 * @return the loaded keystore
	 * @throws Exception when keytool fails or the store cannot be read
	 */
	public static KeyStore rsa(Path store, String password, String name) throws Exception {
		return keyStore(store, password, name, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA");
	}

	/**
	 * A keystore at {@code store} with an EC P-256 key whose certificate a CA of its own
	 * issued (as a PKI does for {@code tls_client_auth}), the chain holding both; the
	 * CA's key stays in {@code ca.p12} beside it. The key's alias is {@code client}.
	 * @param store the keystore file, made anew
	 * @param password its password, and the CA's
	 * @param name the certificate's common name
	 * @return the loaded keystore
	 * @throws Exception when keytool fails or the store cannot be read
	 */
	public static KeyStore caIssued(Path store, String password, String name) throws Exception {
		Path dir = store.toAbsolutePath().getParent();
		String ca = dir.resolve("ca.p12").toString();
		String client = store.toString();
		String csr = dir.resolve("client.csr").toString();
		String issued = dir.resolve("client.cer").toString();
		String caCertificate = dir.resolve("ca.cer").toString();
		keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test CA",
				"-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", ca, "-storepass", password);
		keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
				"-validity", "2", "-storetype", "PKCS12", "-keystore", client, "-storepass", password);
		keytool("-certreq", "-alias", "client", "-keystore", client, "-storepass", password, "-file", csr);
		keytool("-gencert", "-alias", "ca", "-keystore", ca, "-storepass", password, "-infile", csr, "-outfile", issued,
				"-validity", "2");
		keytool("-exportcert", "-alias", "ca", "-keystore", ca, "-storepass", password, "-file", caCertificate);
		keytool("-importcert", "-alias", "ca", "-file", caCertificate, "-keystore", client, "-storepass", password,
				"-noprompt");
		keytool("-importcert", "-alias", "client", "-file", issued, "-keystore", client, "-storepass", password);
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keyStore.load(in, password.toCharArray());
		}
		return keyStore;
	}

	private static void keytool(String... arguments) throws Exception {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		List<String> command = new ArrayList<>(List.of(keytool.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
		}
	}

	/**
	 * The keystore at {@code store} with a key of keytool's arguments, made first when it
	 * does not exist; the key's alias is {@code client}.
	 * @param store the keystore file
	 * @param password its password
	 * @param name the certificate's common name
	 * @param algorithm keytool's arguments for the key, such as
	 * {@code -keyalg EC -groupname secp384r1}
	 * @return the loaded keystore
	 * @throws Exception when keytool fails or the store cannot be read
	 */
	public static KeyStore keyStore(Path store, String password, String name, String... algorithm) throws Exception {
		if (!Files.exists(store)) {
			Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
			List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", "client"));
			command.addAll(List.of(algorithm));
			command.addAll(List.of("-dname", "CN=" + name, "-validity", "2", "-storetype", "PKCS12", "-keystore",
					store.toString(), "-storepass", password));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new IllegalStateException("keytool failed: " + output);
			}
		}
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keyStore.load(in, password.toCharArray());
		}
		return keyStore;
	}

}
