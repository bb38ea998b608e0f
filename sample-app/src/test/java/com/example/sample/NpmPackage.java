package com.example.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * One file of a package from the npm registry, fetched by the test itself (so
 * {@code ./mvnw verify} needs nothing installed), checked against the integrity the
 * registry published for that version, and kept in {@code ~/.cache/auth-starter/npm}.
 *
 * @param name the package
 * @param version its exact version
 * @param integrity the registry's {@code dist.integrity} ({@code sha512-...})
 */
record NpmPackage(String name, String version, String integrity) {

	/** axe-core, the accessibility engine the page tests run in the browser. */
	static final NpmPackage AXE_CORE = new NpmPackage("axe-core", "4.14.1",
			"sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==");

	/**
	 * A file of the package.
	 * @param file its path inside the package, such as {@code axe.min.js}
	 * @return its content
	 * @throws IOException when the package cannot be fetched, does not match its
	 * integrity, or lacks the file
	 */
	String file(String file) throws IOException {
		byte[] tarball = tarball();
		try (InputStream tar = new GZIPInputStream(new ByteArrayInputStream(tarball))) {
			byte[] header = new byte[512];
			while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
				String prefix = text(header, 345, 155);
				String entry = (prefix.isEmpty() ? "" : prefix + "/") + text(header, 0, 100);
				long size = Long.parseLong(text(header, 124, 12).strip(), 8);
				byte[] content = tar.readNBytes((int) size);
				tar.skipNBytes((512 - size % 512) % 512);
				if (entry.equals("package/" + file)) {
					return new String(content, StandardCharsets.UTF_8);
				}
			}
		}
		throw new IOException(this.name + "@" + this.version + " has no " + file);
	}

	private byte[] tarball() throws IOException {
		Path cached = Path.of(System.getProperty("user.home"), ".cache", "auth-starter", "npm",
				this.name + "-" + this.version + ".tgz");
		if (Files.isRegularFile(cached) && intact(Files.readAllBytes(cached))) {
			return Files.readAllBytes(cached);
		}
		URI uri = URI
			.create("https://registry.npmjs.org/" + this.name + "/-/" + this.name + "-" + this.version + ".tgz");
		try {
			HttpResponse<byte[]> response = HttpClient.newBuilder()
				.followRedirects(HttpClient.Redirect.NORMAL)
				.connectTimeout(Duration.ofSeconds(20))
				.build()
				.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
						HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200 || !intact(response.body())) {
				throw new IOException(uri + " answered " + response.statusCode() + " or failed its integrity check");
			}
			Files.createDirectories(cached.getParent());
			Files.write(cached, response.body());
			return response.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted fetching " + uri, ex);
		}
	}

	private boolean intact(byte[] tarball) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-512").digest(tarball);
			return this.integrity.equals("sha512-" + Base64.getEncoder().encodeToString(digest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(byte[] header, int offset, int length) {
		int end = offset;
		while (end < offset + length && header[end] != 0) {
			end++;
		}
		return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
	}

}
