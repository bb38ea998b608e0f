package com.example.sample.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The demo's two downstream APIs, {@code /orders} and {@code /reports}, as two resource
 * servers would be: each accepts only a token the demo provider signed for its own
 * audience ({@code orders-api}, {@code reports-api}) and answers who called it with which
 * token. Test sources only.
 */
public final class DemoApis {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	DemoApis(int port, String jwkSetUri) throws IOException {
		JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		this.server.createContext("/orders", (exchange) -> answer(exchange, decoder, "orders",
				List.of(Map.of("id", "A-1001", "item", "Standing desk"), Map.of("id", "A-1002", "item", "Lamp"))));
		this.server.createContext("/reports", (exchange) -> answer(exchange, decoder, "reports",
				List.of(Map.of("name", "Quarterly sales", "period", "Q3"))));
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** The port the APIs listen on. */
	int port() {
		return this.server.getAddress().getPort();
	}

	void stop() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private static void answer(HttpExchange exchange, JwtDecoder decoder, String api, List<Map<String, String>> data)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		int status = 200;
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		try {
			if (authorization == null || !authorization.startsWith("Bearer ")) {
				throw new JwtException("no bearer token");
			}
			Jwt token = decoder.decode(authorization.substring("Bearer ".length()));
			if (!token.getAudience().contains(api + "-api")) {
				throw new JwtException("the token is for " + token.getAudience() + ", not " + api + "-api");
			}
			body.put("api", api);
			body.put("audience", token.getAudience());
			body.put("subject", token.getSubject());
			body.put("tokenEnds", "…" + token.getTokenValue().substring(token.getTokenValue().length() - 8));
			body.put("data", data);
		}
		catch (JwtException ex) {
			status = 401;
			body.put("error", "invalid_token");
			body.put("error_description", ex.getMessage());
			exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
		}
		byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
