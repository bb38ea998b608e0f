package io.github.authstarter.benchmarks.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.authstarter.test.server.TestOpenIdProvider;
import org.jspecify.annotations.Nullable;

/**
 * Reads every log of the run for tokens and secrets: a JWT (every access, ID and logout
 * token here is one), the client secret, a {@code refresh_token} or {@code logout_token}
 * parameter, and any run of 40 or more URL-safe Base64 characters (the provider's opaque
 * refresh tokens, the session cookie's value).
 */
final class LogScan {

	private static final List<Pattern> SECRETS = List.of(Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\."),
			Pattern.compile(Pattern.quote(TestOpenIdProvider.CLIENT_SECRET)),
			Pattern.compile("(refresh_token|logout_token|access_token|id_token)=[^&\\s]"),
			Pattern.compile("(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{40,}"));

	private static final Pattern WORDS = Pattern.compile("[^A-Za-z0-9+/=_-]+");

	private final Set<String> sessions;

	private long lines;

	private long files;

	private final List<String> findings = new ArrayList<>();

	private LogScan(Set<String> sessions) {
		this.sessions = sessions;
	}

	/**
	 * Scans every {@code .log} file of a directory.
	 * @param directory the directory
	 * @param sessions the session cookie values and ids handed out during the run
	 * @return the findings
	 */
	static LogScan of(Path directory, Set<String> sessions) {
		LogScan scan = new LogScan(sessions);
		try (Stream<Path> logs = Files.list(directory)) {
			for (Path log : logs.filter((path) -> path.toString().endsWith(".log")).sorted().toList()) {
				scan.read(log);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return scan;
	}

	private void read(Path log) throws IOException {
		this.files++;
		try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
			long number = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				number++;
				this.lines++;
				String kind = secret(line);
				if (kind != null) {
					// the file and line number only: a finding must not copy the secret
					this.findings.add(log.getFileName() + ":" + number + " (" + kind + ")");
				}
			}
		}
	}

	private @Nullable String secret(String line) {
		for (Pattern secret : SECRETS) {
			if (secret.matcher(line).find()) {
				return "pattern " + SECRETS.indexOf(secret);
			}
		}
		for (String word : WORDS.split(line)) {
			if (word.length() >= 32 && this.sessions.contains(word)) {
				return "a session";
			}
		}
		return null;
	}

	long lines() {
		return this.lines;
	}

	long files() {
		return this.files;
	}

	List<String> findings() {
		return this.findings;
	}

}
