package io.github.authstarter.test.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signed authorization requests (JAR, RFC 9101) at the PAR and authorization endpoints,
 * which Spring Authorization Server does not take: a {@code request} parameter is
 * verified as a provider that enforces FAPI 2.0 Message Signing does, and the request
 * then goes on with the request object's parameters in place of its own. A refused one
 * gets {@code 400 invalid_request_object} naming the reason, recorded for tests.
 */
final class RequestObjectFilter extends OncePerRequestFilter {

	private static final String TYPE = "oauth-authz-req+jwt";

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256,
			JWSAlgorithm.RS256);

	/** FAPI 2.0 Message Signing 5.3.1: exp at most 60 minutes after nbf. */
	private static final long MAX_LIFETIME_SECONDS = 3600;

	/** Parameters of the request itself, kept beside the request object's. */
	private static final Set<String> CLIENT_AUTHENTICATION = Set.of("client_id", "client_secret", "client_assertion",
			"client_assertion_type");

	private final TestOpenIdProvider provider;

	private final RegisteredClientRepository clients;

	RequestObjectFilter(TestOpenIdProvider provider, RegisteredClientRepository clients) {
		this.provider = provider;
		this.clients = clients;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !(path.equals("/oauth2/par") && "POST".equals(request.getMethod()))
				&& !(path.equals("/oauth2/authorize") && "GET".equals(request.getMethod()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean pushed = request.getRequestURI().equals("/oauth2/par");
		String requestObject = request.getParameter("request");
		if (requestObject == null) {
			if (this.provider.requestObjectsRequired() && (pushed || request.getParameter("request_uri") == null)) {
				refuse(response, "invalid_request", "a signed request object is required");
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		if (pushed && !CLIENT_AUTHENTICATION.containsAll(
				request.getParameterMap().keySet().stream().filter((name) -> !name.equals("request")).toList())) {
			// RFC 9126 section 3: beside the request object, only client authentication
			refuse(response, "invalid_request", "parameters outside the request object");
			return;
		}
		Map<String, Object> claims;
		try {
			claims = verified(requestObject, request.getParameter("client_id"), pushed);
		}
		catch (Refused ex) {
			this.provider.refuseRequestObject(ex.getMessage());
			refuse(response, "invalid_request_object", ex.getMessage());
			return;
		}
		this.provider.acceptRequestObject(claims);
		Map<String, String[]> parameters = new LinkedHashMap<>();
		claims.forEach((name, value) -> {
			if (!Set.of("iss", "aud", "exp", "nbf", "iat", "jti").contains(name)) {
				parameters.put(name, new String[] { asParameter(value) });
			}
		});
		request.getParameterMap().forEach((name, values) -> {
			if (CLIENT_AUTHENTICATION.contains(name)) {
				parameters.put(name, values);
			}
		});
		chain.doFilter(new Expanded(request, parameters, pushed ? null : requestObject), response);
	}

	private Map<String, Object> verified(String value, @Nullable String clientId, boolean pushed) throws Refused {
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(value);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new Refused("not a signed JWT");
		}
		if (jwt.getHeader().getType() == null || !TYPE.equals(jwt.getHeader().getType().getType())) {
			throw new Refused("typ is not " + TYPE);
		}
		if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
			throw new Refused("alg " + jwt.getHeader().getAlgorithm() + " is not accepted");
		}
		if (clientId == null || !clientId.equals(claims.getIssuer())) {
			throw new Refused("iss is not the client");
		}
		Object inner = claims.getClaim("client_id");
		if (inner != null && !clientId.equals(inner)) {
			throw new Refused("client_id differs from the request's");
		}
		RegisteredClient client = this.clients.findByClientId(clientId);
		String keys = (client != null) ? client.getClientSettings().getJwkSetUrl() : null;
		if (keys == null || !verifies(jwt, keys)) {
			throw new Refused("the signature does not verify with the client's keys");
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(this.provider.issuer())) {
			throw new Refused("aud is not the issuer");
		}
		Date exp = claims.getExpirationTime();
		Date nbf = claims.getNotBeforeTime();
		Instant now = Instant.now();
		if (exp == null || !exp.toInstant().isAfter(now)) {
			throw new Refused("exp is missing or past");
		}
		if (nbf == null || nbf.toInstant().isAfter(now.plusSeconds(10))
				|| nbf.toInstant().isBefore(now.minusSeconds(MAX_LIFETIME_SECONDS))) {
			throw new Refused("nbf is missing, in the future or more than 60 minutes ago");
		}
		if (exp.toInstant().getEpochSecond() - nbf.toInstant().getEpochSecond() > MAX_LIFETIME_SECONDS) {
			throw new Refused("exp is more than 60 minutes after nbf");
		}
		if (claims.getJWTID() == null) {
			throw new Refused("jti is missing");
		}
		// a request object in the browser's URL comes again when the login form resumes
		// the request; a pushed one is used once
		if (pushed && !this.provider.firstPushOf(claims.getJWTID())) {
			throw new Refused("jti was used before");
		}
		return claims.getClaims();
	}

	private static boolean verifies(SignedJWT jwt, String keySetUrl) throws Refused {
		JWKSet keys;
		try {
			keys = JWKSet.load(URI.create(keySetUrl).toURL());
		}
		catch (IOException | ParseException ex) {
			throw new Refused("the client's key set cannot be read");
		}
		for (JWK key : keys.getKeys()) {
			String kid = jwt.getHeader().getKeyID();
			// a key set may name its keys or not; where both name one, they must agree
			boolean otherKey = kid != null && key.getKeyID() != null && !kid.equals(key.getKeyID());
			if (otherKey || !(key instanceof AsymmetricJWK asymmetric)) {
				continue;
			}
			try {
				JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
						asymmetric.toPublicKey());
				if (jwt.verify(verifier)) {
					return true;
				}
			}
			catch (JOSEException ex) {
				// a key of another type: the next one
			}
		}
		return false;
	}

	private static String asParameter(Object value) {
		if (value instanceof Map<?, ?> map) {
			@SuppressWarnings("unchecked")
			Map<String, Object> json = (Map<String, Object>) map;
			return JSONObjectUtils.toJSONString(json);
		}
		return String.valueOf(value);
	}

	private static void refuse(HttpServletResponse response, String error, String reason) throws IOException {
		response.setStatus(400);
		response.setContentType("application/json");
		response.getWriter()
			.write("{\"error\":\"" + error + "\",\"error_description\":\"" + reason.replace("\"", "'") + "\"}");
	}

	/** The request with the request object's parameters in place of its own. */
	private static final class Expanded extends HttpServletRequestWrapper {

		private final Map<String, String[]> parameters;

		private final String query;

		Expanded(HttpServletRequest request, Map<String, String[]> parameters, @Nullable String requestObject) {
			super(request);
			this.parameters = Collections.unmodifiableMap(parameters);
			// Spring Authorization Server takes only parameters named in the query of a
			// GET; the request object stays in it, so a request saved for the login form
			// is verified again when it resumes
			String query = parameters.entrySet()
				.stream()
				.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()[0]))
				.collect(Collectors.joining("&"));
			this.query = (requestObject != null) ? query + "&request=" + encode(requestObject) : query;
		}

		@Override
		public @Nullable String getParameter(String name) {
			String[] values = this.parameters.get(name);
			return (values != null) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return this.parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(List.copyOf(this.parameters.keySet()));
		}

		@Override
		public String @Nullable [] getParameterValues(String name) {
			return this.parameters.get(name);
		}

		@Override
		public @Nullable String getQueryString() {
			return "GET".equals(getMethod()) ? this.query : super.getQueryString();
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

	private static final class Refused extends Exception {

		Refused(String reason) {
			super(reason);
		}

	}

}
