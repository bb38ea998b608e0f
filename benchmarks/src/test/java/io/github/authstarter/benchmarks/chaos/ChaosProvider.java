package io.github.authstarter.benchmarks.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;

/**
 * The soak's OpenID Provider in a JVM of its own: the test provider with short-lived
 * access tokens, refresh-token rotation and reuse detection (a reused refresh token
 * revokes its family), and a control port on loopback for the harness: its counters, a
 * stop for some seconds (its store outlives it, as a real provider's database does), and
 * back-channel logouts sent to an app instance as the provider sends them.
 * <p>
 * Arguments: {@code port controlPort users accessTokenSeconds refreshWindowSeconds
 * controlSecret}.
 */
public final class ChaosProvider {

	/** The header that carries the control port's secret. */
	static final String SECRET_HEADER = "X-Chaos-Control";

	private final TestOpenIdProvider provider;

	private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ChaosProvider(TestOpenIdProvider provider) {
		this.provider = provider;
	}

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		int controlPort = Integer.parseInt(args[1]);
		int users = Integer.parseInt(args[2]);
		TestOpenIdProvider provider = TestOpenIdProvider.create(port)
			.accessTokenTimeToLive(Duration.ofSeconds(Long.parseLong(args[3])))
			.refreshWindow(Duration.ofSeconds(Long.parseLong(args[4])))
			.detectRefreshTokenReuse(true);
		for (int i = 0; i < users; i++) {
			provider.addUser(username(i),
					Map.of("name", "User " + i, "email", username(i) + "@example.com", "email_verified", true));
		}
		provider.start();
		ChaosProvider chaos = new ChaosProvider(provider);
		HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), controlPort),
				50);
		String secret = args[5];
		control.createContext("/stats", guarded(secret, chaos::stats));
		control.createContext("/reuses", guarded(secret, chaos::reuses));
		control.createContext("/stop", guarded(secret, chaos::stop));
		control.createContext("/backchannel", guarded(secret, chaos::backChannel));
		control.createContext("/delay", guarded(secret, chaos::delay));
		control.setExecutor(Executors.newFixedThreadPool(4));
		control.start();
		System.out.println("Chaos provider ready at " + provider.issuer());
	}

	/**
	 * Only the harness, which passed the secret, may drive the provider: the port is on
	 * loopback, but a browser page on this machine could reach it too.
	 */
	private static HttpHandler guarded(String secret, HttpHandler handler) {
		return (exchange) -> {
			String presented = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
			if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
					secret.getBytes(StandardCharsets.US_ASCII))) {
				answer(exchange, 403, "");
				return;
			}
			handler.handle(exchange);
		};
	}

	static String username(int index) {
		return "user-" + index;
	}

	private void stats(HttpExchange exchange) throws IOException {
		answer(exchange, 200, "refreshGrants=" + this.provider.refreshGrants() + "\nacceptedRefreshGrants="
				+ this.provider.acceptedRefreshGrants() + "\nearlyRefreshGrants=" + this.provider.earlyRefreshGrants()
				+ "\nrefreshTokenReuses=" + this.provider.refreshTokenReuses() + "\nrevokedFamilies="
				+ this.provider.revokedFamilies() + "\n");
	}

	/**
	 * Each reuse of a retired refresh token: user, then when retired and when presented
	 * (epoch ms).
	 */
	private void reuses(HttpExchange exchange) throws IOException {
		StringBuilder text = new StringBuilder();
		for (TestOpenIdProvider.RefreshTokenReuse reuse : this.provider.refreshTokenReuseLog()) {
			text.append(reuse.username())
				.append(' ')
				.append(reuse.grantReceivedAt().toEpochMilli())
				.append(' ')
				.append(reuse.retiredAt().toEpochMilli())
				.append(' ')
				.append(reuse.presentedAt().toEpochMilli())
				.append('\n');
		}
		answer(exchange, 200, text.toString());
	}

	/** Stops the provider now and starts it again after {@code seconds}. */
	private void stop(HttpExchange exchange) throws IOException {
		long seconds = Long.parseLong(Browser.queryParameters(exchange.getRequestURI().toString()).get("seconds"));
		this.provider.stop();
		this.restarts.schedule(this.provider::start, seconds, TimeUnit.SECONDS);
		answer(exchange, 200, "stopped");
	}

	/**
	 * Signs a logout token for a subject and posts it to an instance's back-channel
	 * logout endpoint, as the provider does when the user signs out there; answers the
	 * instance's status.
	 */
	private void backChannel(HttpExchange exchange) throws IOException {
		Map<String, String> query = Browser.queryParameters(exchange.getRequestURI().toString());
		Map<String, Object> claims = this.provider.logoutTokenClaims();
		claims.put("sub", query.get("sub"));
		String token = this.provider.signLogoutToken(claims);
		String target = query.get("target");
		if (target == null || !target.matches("http://127\\.0\\.0\\.1:\\d+")) {
			answer(exchange, 400, "target must be an instance on 127.0.0.1");
			return;
		}
		String status;
		try {
			HttpResponse<Void> answer = this.http
				.send(HttpRequest.newBuilder(URI.create(target + "/auth/backchannel-logout/test"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.timeout(Duration.ofSeconds(10))
					.POST(HttpRequest.BodyPublishers
						.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.discarding());
			status = answer.statusCode()
					+ (answer.headers().firstValue("Retry-After").isPresent() ? " retry-after" : "");
		}
		catch (IOException ex) {
			status = "0";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			status = "0";
		}
		answer(exchange, 200, status);
	}

	private void delay(HttpExchange exchange) throws IOException {
		long millis = Long.parseLong(Browser.queryParameters(exchange.getRequestURI().toString()).get("millis"));
		this.provider.delayTokenResponses(Duration.ofMillis(millis));
		answer(exchange, 200, "delayed");
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
