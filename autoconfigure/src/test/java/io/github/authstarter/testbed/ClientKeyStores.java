package io.github.authstarter.testbed;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

/**
 * A client's EC P-256 key and its self-signed certificate in a PKCS#12 keystore, made by
 * the JDK's keytool as an operator would make one.
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
		if (!Files.exists(store)) {
			Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
			Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "client", "-keyalg", "EC",
					"-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=" + name, "-validity", "2",
					"-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password)
				.redirectErrorStream(true)
				.start();
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
