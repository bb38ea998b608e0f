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
