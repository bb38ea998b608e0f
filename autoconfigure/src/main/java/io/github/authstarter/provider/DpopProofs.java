package io.github.authstarter.provider;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * DPoP (RFC 9449): the key pair a sign-in's tokens are bound to, and the proofs that go
 * with every request made with them. A call runs {@link #with(String, Supplier)} the key;
 * the {@link #interceptor()} on the provider's and the APIs' clients then signs a proof
 * for the request's method and URL (without query and fragment), with {@code ath} where
 * it carries an access token, which it sends as {@code DPoP}, not {@code Bearer}. A
 * server's nonce ({@code DPoP-Nonce}) is kept per origin, so the next proof carries it,
 * and a request refused for want of it is sent once more with it.
 */
public final class DpopProofs {

	/** The request attribute with a login's key, from the code exchange on. */
	public static final String LOGIN_KEY = DpopProofs.class.getName() + ".loginKey";

	/** The authorization request attribute (in the flow record) with the sealed key. */
	public static final String FLOW_ATTRIBUTE = "dpop_key";

	private static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");

	private static final String METADATA = "dpop_signing_alg_values_supported";

	private final Map<String, DpopMode> modes;

	private final ProviderRegistrations registrations;

	private final Clock clock;

	private final UnaryOperator<String> seal;

	private final UnaryOperator<String> open;

	private final ThreadLocal<ECKey> current = new ThreadLocal<>();

	private final DpopNonces nonces = new DpopNonces();

	/**
	 * Creates the proofs.
	 * @param modes each provider's mode, by id (absent: off)
	 * @param registrations the providers, whose metadata {@code auto} reads
	 * @param clock the time a proof says it was made ({@code iat}): the servers' time, so
	 * the system's, not a clock moved for tests
	 * @param seal seals a key for the flow record, as tokens are sealed in the session
	 * @param open opens a sealed key
	 */
	public DpopProofs(Map<String, DpopMode> modes, ProviderRegistrations registrations, Clock clock,
			UnaryOperator<String> seal, UnaryOperator<String> open) {
		// a view, not a copy: providers of a store are looked up at each use
		this.modes = Collections.unmodifiableMap(modes);
		this.registrations = registrations;
		this.clock = clock;
		this.seal = seal;
		this.open = open;
	}

	/**
	 * The provider's mode.
	 * @param providerId the provider
	 * @return its mode
	 */
	public DpopMode mode(String providerId) {
		return this.modes.getOrDefault(providerId, DpopMode.OFF);
	}

	/**
	 * A key sealed for the flow record.
	 * @param key the key pair as a private JWK
	 * @return the sealed key
	 */
	public String seal(String key) {
		return this.seal.apply(key);
	}

	/**
	 * A key the flow record held.
	 * @param sealed the sealed key
	 * @return the key pair as a private JWK
	 */
	public String open(String sealed) {
		return this.open.apply(sealed);
	}

	/**
	 * Whether calls on this thread run with a key.
	 * @return whether one is active
	 */
	public boolean active() {
		return this.current.get() != null;
	}

	/**
	 * A new key pair for a sign-in with the provider, if its tokens are to be bound.
	 * @param providerId the provider
	 * @return the key pair as a private JWK, or {@code null} for bearer tokens
	 */
	public @Nullable String newKey(String providerId) {
		DpopMode mode = mode(providerId);
		if (mode == DpopMode.OFF || (mode == DpopMode.AUTO && !offered(providerId))) {
			return null;
		}
		return DpopKeys.generate();
	}

	private boolean offered(String providerId) {
		var registration = this.registrations.findByRegistrationId(providerId);
		Object algorithms = (registration != null)
				? registration.getProviderDetails().getConfigurationMetadata().get(METADATA) : null;
		return algorithms instanceof List<?> list && list.contains(JWSAlgorithm.ES256.getName());
	}

	/**
	 * Runs calls with a key: each request the interceptor sees meanwhile carries a proof.
	 * @param key the key pair as a private JWK, or {@code null} to run without
	 * @param work the calls
	 * @param <T> what they give
	 * @return what they gave
	 */
	public <T> T with(@Nullable String key, Supplier<T> work) {
		return (key != null) ? withKey(key, work::get) : work.get();
	}

	private <T, E extends Exception> T withKey(String key, Work<T, E> work) throws E {
		ECKey previous = this.current.get();
		this.current.set(DpopKeys.parse(key));
		try {
			return work.run();
		}
		finally {
			if (previous != null) {
				this.current.set(previous);
			}
			else {
				this.current.remove();
			}
		}
	}

	/**
	 * Sends a request with a proof of the key, as the {@link #interceptor()} does for
	 * calls run {@link #with(String, Supplier)} it: for an interceptor of its own that
	 * adds the access token first.
	 * @param key the key pair as a private JWK
	 * @param request the request, with its {@code Authorization}
	 * @param body its body
	 * @param execution the rest of the chain
	 * @return the response
	 * @throws IOException when the request fails
	 */
	public ClientHttpResponse execute(String key, HttpRequest request, byte[] body,
			ClientHttpRequestExecution execution) throws IOException {
		return withKey(key, () -> intercept(request, body, execution));
	}

	/**
	 * The interceptor that signs the proofs, for the clients that call the provider and
	 * the APIs.
	 * @return the interceptor
	 */
	public ClientHttpRequestInterceptor interceptor() {
		return this::intercept;
	}

	private ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		ECKey key = this.current.get();
		if (key == null) {
			return execution.execute(request, body);
		}
		String origin = DpopNonces.origin(request.getURI());
		String sent = sign(request, key, origin);
		ClientHttpResponse response = execution.execute(request, body);
		String nonce = response.getHeaders().getFirst("DPoP-Nonce");
		if (nonce == null || nonce.isBlank() || nonce.length() > 512) {
			return response;
		}
		this.nonces.put(origin, nonce);
		if (nonce.equals(sent)) {
			return response;
		}
		// only a refusal for want of it goes again (once): another may be a POST acted on
		NonceDemand demand = NonceDemand.of(response);
		if (!demand.demanded()) {
			return demand.response();
		}
		sign(request, key, origin);
		return execution.execute(request, body);
	}

	/** Signs a proof for the request; the nonce it carried. */
	private @Nullable String sign(HttpRequest request, ECKey key, String origin) {
		HttpHeaders headers = request.getHeaders();
		String token = null;
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && (authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				|| authorization.regionMatches(true, 0, "DPoP ", 0, 5))) {
			token = authorization.substring(authorization.indexOf(' ') + 1).strip();
			headers.set(HttpHeaders.AUTHORIZATION, "DPoP " + token);
		}
		String nonce = this.nonces.get(origin);
		URI uri = request.getURI();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", request.getMethod().name())
			.claim("htu", origin + ((uri.getRawPath() != null && !uri.getRawPath().isEmpty()) ? uri.getRawPath() : "/"))
			.issueTime(Date.from(this.clock.instant()));
		if (nonce != null) {
			claims.claim("nonce", nonce);
		}
		if (token != null) {
			claims.claim("ath", sha256(token));
		}
		try {
			SignedJWT proof = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).jwk(key.toPublicJWK()).build(),
					claims.build());
			proof.sign(new ECDSASigner(key));
			headers.set("DPoP", proof.serialize());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a DPoP proof", ex);
		}
		return nonce;
	}

	private static String sha256(String token) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Calls made with a key. */
	@FunctionalInterface
	private interface Work<T, E extends Exception> {

		T run() throws E;

	}

}
