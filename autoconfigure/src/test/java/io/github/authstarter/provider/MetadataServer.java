package io.github.authstarter.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers fixed documents by path, for testing the discovery
 * client's handling of what providers send.
 */
public final class MetadataServer implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	public MetadataServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			Answer answer = this.answers.getOrDefault(exchange.getRequestURI().getPath(), new Answer(404, "", 0));
			if (answer.delayMillis() > 0) {
				try {
					Thread.sleep(answer.delayMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), (body.length > 0) ? body.length : -1);
			if (body.length > 0) {
				exchange.getResponseBody().write(body);
			}
			exchange.close();
		});
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "metadata-server");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void answer(String path, int status, String body) {
		this.answers.put(path, new Answer(status, body, 0));
	}

	/** Answers only after a delay, as a provider that has stopped responding would. */
	public void answerSlowly(String path, int status, String body, Duration delay) {
		this.answers.put(path, new Answer(status, body, delay.toMillis()));
	}

	public void openIdDocument(String path, String issuer) {
		answer(path, 200, """
				{"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
				"userinfo_endpoint":"%1$s/userinfo","jwks_uri":"%1$s/jwks","end_session_endpoint":"%1$s/logout",
				"token_endpoint_auth_methods_supported":["client_secret_post"],
				"response_types_supported":["code"],"subject_types_supported":["public"],
				"id_token_signing_alg_values_supported":["RS256"]}
				""".formatted(issuer));
	}

	public int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Answer(int status, String body, long delayMillis) {
	}

}
