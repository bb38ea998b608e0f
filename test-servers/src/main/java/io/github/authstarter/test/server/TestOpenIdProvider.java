package io.github.authstarter.test.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/**
 * A real OpenID Provider for tests and demos: Spring Authorization Server in its own
 * application context on a fixed loopback port, so it can be stopped and started again at
 * the same issuer. It has one confidential client, users with a login form (password
 * {@value #PASSWORD}), refresh tokens (rotation switchable) and RP-initiated logout.
 * <p>
 * Its issuer is {@code http://localhost:port} while the apps under test run on
 * {@code 127.0.0.1}: like a real provider on another site, its cookies never mix with the
 * app's, and its session cookie is renamed as well. Redirect URIs on {@code 127.0.0.1}
 * match on any port (RFC 8252), so every app instance of a test fits.
 * <p>
 * Its application context reads no {@code application.properties} and applies only the
 * auto-configuration it needs, so the application under test cannot leak into it.
 */
public final class TestOpenIdProvider implements AutoCloseable {

	/** The client id registered at the provider. */
	public static final String CLIENT_ID = "test-client";

	/** The client secret registered at the provider. */
	public static final String CLIENT_SECRET = "test-secret-that-is-long-enough-for-hs256";

	/** The password of every demo user. */
	public static final String PASSWORD = "password";

	private final int port;

	private volatile RSAKey signingKey;

	private final List<RSAKey> retiredKeys = new CopyOnWriteArrayList<>();

	private final AtomicInteger jwksRequests = new AtomicInteger();

	private volatile Duration tokenEndpointDelay = Duration.ZERO;

	private volatile @Nullable Function<Map<String, Object>, String> idTokenForger;

	private volatile @Nullable Function<Map<String, Object>, String> refreshIdTokenForger;

	private volatile boolean jwksFailing;

	// outlives restarts, as a real provider's store does
	private volatile Duration tokenResponseDelay = Duration.ZERO;

	private volatile SynchronizedAuthorizationService authorizations = new SynchronizedAuthorizationService(
			new InMemoryOAuth2AuthorizationService());

	private String clientId = CLIENT_ID;

	private String clientSecret = CLIENT_SECRET;

	private final Set<String> registrationIds = new LinkedHashSet<>(List.of("test", "other"));

	private final Set<String> callbackBases = new LinkedHashSet<>(List.of(""));

	private final Set<String> extraRedirectOrigins = new LinkedHashSet<>();

	private final Map<String, Map<String, Object>> users = new ConcurrentHashMap<>();

	/** Signs forgeries; made on first use, never published. */
	private volatile @Nullable RSAKey foreignKey;

	private final Map<String, Map<String, Object>> accessTokenClaims = new ConcurrentHashMap<>();

	private final AtomicInteger refreshGrants = new AtomicInteger();

	private final AtomicInteger tokenExchanges = new AtomicInteger();

	private final AtomicInteger acceptedRefreshGrants = new AtomicInteger();

	private final AtomicInteger acceptedTokenExchanges = new AtomicInteger();

	private final Map<String, String> apiScopes = new LinkedHashMap<>();

	private final List<JwtClient> jwtClients = new CopyOnWriteArrayList<>();

	private final AtomicInteger parRequests = new AtomicInteger();

	private final List<String> authorizationRequests = new CopyOnWriteArrayList<>();

	/** Pushed requests' parameters, by the request_uri answered: few, in a test. */
	private final Map<String, Map<String, String>> pushedRequests = new ConcurrentHashMap<>();

	private final List<String> clientAssertions = new CopyOnWriteArrayList<>();

	private volatile boolean parRequired;

	private volatile boolean issuerInResponses;

	private volatile boolean dpopAdvertised = true;

	private volatile @Nullable String idTokenAlgorithm;

	private volatile ResponseSigning responseSigning = ResponseSigning.NONE;

	private volatile boolean requestObjectsRequired;

	private volatile @Nullable MutualTlsEndpoints mutualTls;

	/** The key set URL of each mutual-TLS client, by client id. */
	private final Map<String, String> mutualTlsClients = new ConcurrentHashMap<>();

	private final AtomicInteger mutualTlsTokenRequests = new AtomicInteger();

	private final Map<String, String> mutualTlsSubjects = new ConcurrentHashMap<>();

	private final List<Map<String, Object>> acceptedRequestObjects = new CopyOnWriteArrayList<>();

	private final List<String> refusedRequestObjects = new CopyOnWriteArrayList<>();

	/** The jti of every request object pushed: a pushed one is used once. */
	private final Set<String> pushedRequestObjectIds = ConcurrentHashMap.newKeySet();

	private volatile @Nullable String dpopNonce;

	private volatile boolean ignoresDpop;

	private final AtomicInteger dpopNonceDemands = new AtomicInteger();

	private volatile boolean frontChannelLogoutSupported;

	private Duration accessTokenTimeToLive = Duration.ofMinutes(5);

	private boolean reuseRefreshTokens = false;

	private volatile boolean detectRefreshTokenReuse;

	/** Refresh tokens already exchanged under rotation, by value. */
	private final Map<String, Retired> retiredRefreshTokens = new ConcurrentHashMap<>();

	private final List<RefreshTokenReuse> refreshTokenReuseLog = new CopyOnWriteArrayList<>();

	private final AtomicInteger refreshTokenReuses = new AtomicInteger();

	private final AtomicInteger revokedFamilies = new AtomicInteger();

	private volatile Duration refreshWindow = Duration.ZERO;

	private final AtomicInteger earlyRefreshGrants = new AtomicInteger();

	private ConfigurableApplicationContext context;

	private TestOpenIdProvider(int port) {
		this.port = port;
		this.signingKey = generateKey();
		addUser("alice", Map.of("name", "Alice Example", "email", "alice@example.com", "email_verified", true));
		addUser("bob", Map.of("name", "Bob Example", "email", "bob@example.com", "email_verified", true));
	}

	/**
	 * Creates a provider on a free port, not yet started.
	 * @return the provider
	 */
	public static TestOpenIdProvider create() {
		return new TestOpenIdProvider(FreePorts.find());
	}

	/**
	 * Creates a provider on the given port, not yet started.
	 * @param port the port; its issuer is {@code http://localhost:port}
	 * @return the provider
	 */
	public static TestOpenIdProvider create(int port) {
		return new TestOpenIdProvider(port);
	}

	/**
	 * Sets the registered client's id and secret (by default {@value #CLIENT_ID} and
	 * {@value #CLIENT_SECRET}); takes effect at the next start.
	 * @param id the client id
	 * @param secret the client secret
	 * @return this provider
	 */
	public TestOpenIdProvider client(String id, String secret) {
		this.clientId = id;
		this.clientSecret = secret;
		return this;
	}

	/**
	 * Sets the app's registration ids (the {@code <id>} of {@code auth.providers.<id>}),
	 * whose {@code /login/oauth2/code/<id>} callbacks on {@code 127.0.0.1} the client may
	 * use; by default {@code test} and {@code other}. Takes effect at the next start.
	 * @param ids the registration ids
	 * @return this provider
	 */
	public TestOpenIdProvider registrationIds(String... ids) {
		this.registrationIds.clear();
		this.registrationIds.addAll(List.of(ids));
		return this;
	}

	/**
	 * Also accepts callbacks below these paths of the app, such as {@code /t/acme} for an
	 * app that serves a tenant below it. Takes effect at the next start.
	 * @param paths the paths, each starting with a slash
	 * @return this provider
	 */
	public TestOpenIdProvider callbacksBelow(String... paths) {
		this.callbackBases.addAll(List.of(paths));
		return this;
	}

	/**
	 * Also accepts callbacks and post-logout redirects to this origin, such as
	 * {@code http://localhost:8080}, which (unlike {@code 127.0.0.1}) must match its port
	 * exactly. Takes effect at the next start.
	 * @param origin the origin, without a trailing slash
	 * @return this provider
	 */
	public TestOpenIdProvider allowOrigin(String origin) {
		this.extraRedirectOrigins.add(origin);
		return this;
	}

	/**
	 * Sets how long access tokens live; takes effect at the next start.
	 * @param timeToLive the access token lifetime
	 * @return this provider
	 */
	public TestOpenIdProvider accessTokenTimeToLive(Duration timeToLive) {
		this.accessTokenTimeToLive = timeToLive;
		return this;
	}

	/**
	 * Sets whether refresh tokens are reused; {@code false} (the default) rotates them on
	 * each refresh. Takes effect at the next start.
	 * @param reuse whether to reuse refresh tokens
	 * @return this provider
	 */
	public TestOpenIdProvider reuseRefreshTokens(boolean reuse) {
		this.reuseRefreshTokens = reuse;
		return this;
	}

	/**
	 * Registers another client that authenticates with a signed JWT (RFC 7523), as a
	 * provider configured for {@code private_key_jwt} (the key set at {@code jwkSetUrl},
	 * RS256 or ES256) or {@code client_secret_jwt} (HS256 with the secret) does. It may
	 * use the same callbacks as the main client. Takes effect at the next start.
	 * @param clientId the client id
	 * @param method {@code private_key_jwt} or {@code client_secret_jwt}
	 * @param jwkSetUrlOrSecret the client's key set URL, or its secret
	 * @param algorithm the signing algorithm, such as {@code RS256}, {@code ES256} or
	 * {@code HS256}
	 * @return this provider
	 */
	public TestOpenIdProvider jwtClient(String clientId, String method, String jwkSetUrlOrSecret, String algorithm) {
		this.jwtClients.add(new JwtClient(clientId, method, jwkSetUrlOrSecret, algorithm));
		return this;
	}

	List<JwtClient> jwtClients() {
		return List.copyOf(this.jwtClients);
	}

	/**
	 * Adds a client like the main one that authenticates with a self-signed TLS
	 * certificate ({@code self_signed_tls_client_auth}, RFC 8705 section 2.2: the
	 * certificate must be in the client's key set, as {@code x5c}), and whose access
	 * tokens are bound to that certificate ({@code cnf.x5t#S256}). Opens the provider's
	 * mutual-TLS port, listed in its metadata as {@code mtls_endpoint_aliases} for the
	 * token, PAR, revocation and user info endpoints. Takes effect at the next start.
	 * @param clientId the client id
	 * @param certificate the client's certificate
	 * @param jwkSetUrl the client's key set, which holds it
	 * @return this provider
	 */
	public TestOpenIdProvider mutualTlsClient(String clientId, X509Certificate certificate, String jwkSetUrl) {
		openMutualTls().trust(clientId, certificate);
		this.mutualTlsClients.put(clientId, jwkSetUrl);
		return this;
	}

	/**
	 * Adds a client like the main one that authenticates with a TLS certificate a CA
	 * issued ({@code tls_client_auth}, RFC 8705 section 2.1: the TLS layer checks the
	 * chain against the CA, the provider the certificate's subject), its access tokens
	 * bound to that certificate. Opens the mutual-TLS port as
	 * {@link #mutualTlsClient(String, X509Certificate, String)} does.
	 * @param clientId the client id
	 * @param certificate the client's certificate
	 * @param issuer the CA that issued it, which the port trusts
	 * @return this provider
	 */
	public TestOpenIdProvider mutualTlsCaClient(String clientId, X509Certificate certificate, X509Certificate issuer) {
		openMutualTls().trust(clientId, issuer);
		this.mutualTlsSubjects.put(clientId, certificate.getSubjectX500Principal().getName());
		return this;
	}

	private synchronized MutualTlsEndpoints openMutualTls() {
		MutualTlsEndpoints endpoints = this.mutualTls;
		if (endpoints == null) {
			endpoints = new MutualTlsEndpoints();
			this.mutualTls = endpoints;
		}
		return endpoints;
	}

	/** The subject DN of each {@code tls_client_auth} client, by client id. */
	Map<String, String> mutualTlsSubjects() {
		return Map.copyOf(this.mutualTlsSubjects);
	}

	/** The key set URL of each mutual-TLS client, by client id. */
	Map<String, String> mutualTlsClients() {
		return Map.copyOf(this.mutualTlsClients);
	}

	@Nullable MutualTlsEndpoints mutualTls() {
		return this.mutualTls;
	}

	/**
	 * A PKCS#12 trust store (password {@value MutualTlsEndpoints#PASSWORD}) with the
	 * certificate of the provider's mutual-TLS port, for a client's SSL bundle.
	 * @return the trust store
	 * @throws IllegalStateException when no client uses mutual TLS
	 */
	public Path mutualTlsTrustStore() {
		MutualTlsEndpoints endpoints = this.mutualTls;
		if (endpoints == null) {
			throw new IllegalStateException("no mutual-TLS client: see mutualTlsClient");
		}
		return endpoints.serverTrustStore();
	}

	/**
	 * The origin of the mutual-TLS port, such as {@code https://localhost:12345}.
	 * @return the origin
	 * @throws IllegalStateException when no client uses mutual TLS
	 */
	public String mutualTlsUrl() {
		MutualTlsEndpoints endpoints = this.mutualTls;
		if (endpoints == null) {
			throw new IllegalStateException("no mutual-TLS client: see mutualTlsClient");
		}
		return endpoints.url();
	}

	/**
	 * The password of {@link #mutualTlsTrustStore()}.
	 * @return the password
	 */
	public static String mutualTlsTrustStorePassword() {
		return MutualTlsEndpoints.PASSWORD;
	}

	/**
	 * How many token requests came over the mutual-TLS port with a client certificate.
	 * @return the count
	 */
	public int mutualTlsTokenRequests() {
		return this.mutualTlsTokenRequests.get();
	}

	AtomicInteger mutualTlsTokenRequestCounter() {
		return this.mutualTlsTokenRequests;
	}

	/**
	 * Refuses authorization requests that were not pushed first (RFC 9126), as a provider
	 * requiring PAR does, and says so in its metadata
	 * ({@code require_pushed_authorization_requests}) to clients that discover it after.
	 * @param required whether PAR is required
	 */
	public void requirePar(boolean required) {
		this.parRequired = required;
	}

	boolean parRequired() {
		return this.parRequired;
	}

	/**
	 * Names itself in every authorization response ({@code iss}, RFC 9207) and says so in
	 * its metadata ({@code authorization_response_iss_parameter_supported}), as FAPI 2.0
	 * providers do; Spring Authorization Server does neither by itself.
	 * @param sends whether it does
	 * @return this provider
	 */
	public TestOpenIdProvider issuerInAuthorizationResponses(boolean sends) {
		this.issuerInResponses = sends;
		return this;
	}

	boolean issuerInResponses() {
		return this.issuerInResponses;
	}

	/**
	 * Leaves {@code dpop_signing_alg_values_supported} out of the metadata, as a provider
	 * without DPoP does.
	 * @param advertised whether the metadata lists DPoP algorithms
	 * @return this provider
	 */
	public TestOpenIdProvider dpopAdvertised(boolean advertised) {
		this.dpopAdvertised = advertised;
		return this;
	}

	/**
	 * Signs ID tokens with this algorithm (its RSA key: RS256 or PS256) from the next
	 * start.
	 * @param algorithm the JWS algorithm name, or {@code null} for the default RS256
	 * @return this provider
	 */
	public TestOpenIdProvider idTokenAlgorithm(@Nullable String algorithm) {
		this.idTokenAlgorithm = algorithm;
		return this;
	}

	@Nullable String idTokenAlgorithm() {
		return this.idTokenAlgorithm;
	}

	/**
	 * Answers every authorization request with a signed response (JARM): the
	 * {@code response} parameter, a JWT of the response's parameters with {@code iss},
	 * {@code aud} (the client) and {@code exp}, signed like the ID tokens; or, to test
	 * what a client refuses, one broken in a single way.
	 * @param signing how the responses are signed, {@link ResponseSigning#NONE} for plain
	 * ones
	 * @return this provider
	 */
	public TestOpenIdProvider signAuthorizationResponses(ResponseSigning signing) {
		this.responseSigning = signing;
		return this;
	}

	ResponseSigning responseSigning() {
		return this.responseSigning;
	}

	/**
	 * Requires every authorization request, pushed or in the browser's URL, to come as a
	 * signed request object (JAR, RFC 9101), as {@code require_signed_request_object} in
	 * its metadata says. Request objects are verified whether required or not: the
	 * signature at the client's key set, {@code typ oauth-authz-req+jwt}, {@code iss} the
	 * client, {@code aud} the issuer, {@code exp} and {@code nbf} at most 60 minutes
	 * apart, and a pushed one's {@code jti} never seen before.
	 * @param required whether they are required
	 * @return this provider
	 */
	public TestOpenIdProvider requireSignedRequestObjects(boolean required) {
		this.requestObjectsRequired = required;
		return this;
	}

	boolean requestObjectsRequired() {
		return this.requestObjectsRequired;
	}

	/**
	 * The claims of every request object the provider accepted, oldest first.
	 * @return the claims of each
	 */
	public List<Map<String, Object>> acceptedRequestObjects() {
		return List.copyOf(this.acceptedRequestObjects);
	}

	/**
	 * Why each request object the provider refused was refused, oldest first.
	 * @return the reasons
	 */
	public List<String> refusedRequestObjects() {
		return List.copyOf(this.refusedRequestObjects);
	}

	void acceptRequestObject(Map<String, Object> claims) {
		this.acceptedRequestObjects.add(Map.copyOf(claims));
	}

	void refuseRequestObject(String reason) {
		this.refusedRequestObjects.add(reason);
	}

	boolean firstPushOf(String jti) {
		return this.pushedRequestObjectIds.add(jti);
	}

	/**
	 * The {@code response} JWT of an authorization response (JARM), signed as set.
	 * @param parameters the response's parameters ({@code code}, {@code state}, ...)
	 * @param clientId the client it is for
	 * @return the compact JWT
	 */
	String signedResponse(Map<String, String> parameters, String clientId) {
		Map<String, Object> claims = new LinkedHashMap<>(parameters);
		long now = Instant.now().getEpochSecond();
		claims.put("iss", (this.responseSigning == ResponseSigning.WRONG_ISSUER) ? "https://evil.example" : issuer());
		claims.put("aud", (this.responseSigning == ResponseSigning.WRONG_AUDIENCE) ? "another-client" : clientId);
		claims.put("exp", (this.responseSigning == ResponseSigning.EXPIRED) ? now - 600 : now + 60);
		claims.put("iat", (this.responseSigning == ResponseSigning.EXPIRED) ? now - 660 : now);
		return switch (this.responseSigning) {
			case FOREIGN_KEY -> sign(claims, foreignKeyUnderCurrentKeyId(), JOSEObjectType.JWT);
			case UNSIGNED -> new PlainJWT(toClaims(claims)).serialize();
			default -> sign(claims, this.signingKey, JOSEObjectType.JWT, responseAlgorithm());
		};
	}

	/** Signed as the ID tokens are: PS256 where they are, else RS256. */
	private JWSAlgorithm responseAlgorithm() {
		return "PS256".equals(this.idTokenAlgorithm) ? JWSAlgorithm.PS256 : JWSAlgorithm.RS256;
	}

	private static JWTClaimsSet toClaims(Map<String, Object> claims) {
		try {
			return JWTClaimsSet.parse(claims);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** How the provider signs its authorization responses (JARM). */
	public enum ResponseSigning {

		/** Plain responses: {@code code} and {@code state} in the query. */
		NONE,

		/** Signed, as a provider answering {@code response_mode=jwt} does. */
		SIGNED,

		/** Plain responses though a signed one was asked for: a downgrade. */
		PLAIN,

		/** Signed with a key that is not the provider's, under its key id. */
		FOREIGN_KEY,

		/** Signed, but naming another issuer. */
		WRONG_ISSUER,

		/** Signed, but for another client. */
		WRONG_AUDIENCE,

		/** Signed, but expired ten minutes ago. */
		EXPIRED,

		/** Not signed at all ({@code alg: none}). */
		UNSIGNED

	}

	/**
	 * Demands a server nonce in every DPoP proof sent to the token endpoint (RFC 9449
	 * section 8): a proof without this one is refused with {@code use_dpop_nonce} and the
	 * nonce in {@code DPoP-Nonce}.
	 * @param nonce the nonce, or {@code null} to demand none
	 */
	public void requireDpopNonce(@Nullable String nonce) {
		this.dpopNonce = nonce;
	}

	@Nullable String dpopNonce() {
		return this.dpopNonce;
	}

	/**
	 * Reads requests as a provider that knows nothing of DPoP: proofs are not seen, and
	 * bearer tokens come back.
	 * @param ignores whether to ignore DPoP
	 */
	public void ignoreDpop(boolean ignores) {
		this.ignoresDpop = ignores;
	}

	boolean ignoresDpop() {
		return this.ignoresDpop;
	}

	/**
	 * How many token requests were refused for want of the DPoP nonce.
	 * @return the count
	 */
	public int dpopNonceDemands() {
		return this.dpopNonceDemands.get();
	}

	AtomicInteger dpopNonceDemandCounter() {
		return this.dpopNonceDemands;
	}

	/**
	 * Says in the discovery document that the provider ends sessions through the browser
	 * ({@code frontchannel_logout_supported} and
	 * {@code frontchannel_logout_session_supported}), as Entra ID and Keycloak do; Spring
	 * Authorization Server itself does not. Read at each discovery request.
	 * @param supported whether to say so
	 * @return this provider
	 */
	public TestOpenIdProvider frontChannelLogoutSupported(boolean supported) {
		this.frontChannelLogoutSupported = supported;
		return this;
	}

	/**
	 * Adds to the discovery document what real providers say there beyond what Spring
	 * Authorization Server says itself.
	 * @param configuration the discovery document being built
	 */
	void describe(OidcProviderConfiguration.Builder configuration) {
		// as Google, Entra and others advertise it (OpenID Connect Prompt Create)
		configuration.claim("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
		if (this.parRequired) {
			configuration.claim("require_pushed_authorization_requests", true);
		}
		// the token endpoint verifies DPoP proofs and binds tokens to their key
		if (this.dpopAdvertised) {
			configuration.claim("dpop_signing_alg_values_supported", List.of("ES256", "PS256", "RS256"));
		}
		else {
			// Spring Authorization Server advertises DPoP by itself
			configuration.claims((claims) -> claims.remove("dpop_signing_alg_values_supported"));
		}
		if (this.issuerInResponses) {
			configuration.claim("authorization_response_iss_parameter_supported", true);
		}
		if (this.idTokenAlgorithm != null) {
			configuration.claim("id_token_signing_alg_values_supported", List.of(this.idTokenAlgorithm));
		}
		MutualTlsEndpoints endpoints = this.mutualTls;
		if (endpoints != null) {
			// RFC 8705 section 5: where a client using mutual TLS sends its requests
			configuration.claim("mtls_endpoint_aliases",
					Map.of("token_endpoint", endpoints.url() + "/oauth2/token", "pushed_authorization_request_endpoint",
							endpoints.url() + "/oauth2/par", "revocation_endpoint", endpoints.url() + "/oauth2/revoke",
							"userinfo_endpoint", endpoints.url() + "/userinfo"));
		}
		// request objects are verified (JAR, RFC 9101), and required when set so
		configuration.claim("request_parameter_supported", true);
		configuration.claim("request_object_signing_alg_values_supported", List.of("ES256", "PS256", "RS256"));
		if (this.requestObjectsRequired) {
			configuration.claim("require_signed_request_object", true);
		}
		if (this.responseSigning != ResponseSigning.NONE) {
			configuration.claim("authorization_signing_alg_values_supported", List.of(responseAlgorithm().getName()));
		}
		if (this.frontChannelLogoutSupported) {
			configuration.claim("frontchannel_logout_supported", true);
			configuration.claim("frontchannel_logout_session_supported", true);
		}
	}

	/**
	 * How many pushed authorization requests the provider answered.
	 * @return the count
	 */
	public int parRequests() {
		return this.parRequests.get();
	}

	AtomicInteger parRequestCounter() {
		return this.parRequests;
	}

	/**
	 * The query strings of the authorization requests browsers brought, oldest first.
	 * @return the query strings
	 */
	public List<String> authorizationRequests() {
		return List.copyOf(this.authorizationRequests);
	}

	/**
	 * The parameters of an authorization request as the provider received them: from the
	 * browser's URL, or, where that carries a {@code request_uri}, from the request the
	 * client pushed (RFC 9126).
	 * @param authorizationUrl the URL the browser was sent to
	 * @return the parameters, the first value of each
	 */
	public Map<String, String> authorizationParameters(String authorizationUrl) {
		Map<String, String> query = Browser.queryParameters(authorizationUrl);
		String requestUri = query.get("request_uri");
		if (requestUri == null) {
			return query;
		}
		Map<String, String> pushed = this.pushedRequests.get(requestUri);
		if (pushed == null) {
			throw new IllegalStateException("no pushed request " + requestUri);
		}
		return pushed;
	}

	void recordPushedRequest(String requestUri, Map<String, String> parameters) {
		this.pushedRequests.put(requestUri, Map.copyOf(parameters));
	}

	void recordAuthorizationRequest(String query) {
		this.authorizationRequests.add((query != null) ? query : "");
	}

	/**
	 * The client assertions (RFC 7523) clients sent to the token, revocation and PAR
	 * endpoints, oldest first, each with the endpoint's path:
	 * {@code /oauth2/token <jwt>}.
	 * @return the endpoint and the assertion of each
	 */
	public List<String> clientAssertions() {
		return List.copyOf(this.clientAssertions);
	}

	void recordClientAssertion(String path, String assertion) {
		this.clientAssertions.add(path + " " + assertion);
	}

	/**
	 * Adds a scope of an API: the client may request it, and an access token granted it
	 * (at login, or by a refresh grant with that scope) is issued for the API's audience
	 * alone, as Entra ID issues one token per resource. Takes effect at the next start. A
	 * token exchange or refresh with {@code audience}/{@code resource} is issued for
	 * those instead.
	 * @param scope the scope
	 * @param audience the API's audience
	 * @return this provider
	 */
	public TestOpenIdProvider apiScope(String scope, String audience) {
		this.apiScopes.put(scope, audience);
		return this;
	}

	Map<String, String> apiScopes() {
		return Map.copyOf(this.apiScopes);
	}

	/**
	 * How many token exchange grants (RFC 8693) the provider answered since it was
	 * created.
	 * @return the count
	 */
	public int tokenExchanges() {
		return this.tokenExchanges.get();
	}

	AtomicInteger tokenExchangeCounter() {
		return this.tokenExchanges;
	}

	/**
	 * Adds or replaces a demo user, whose claims go into its id tokens and user info.
	 * @param username the username, also the subject
	 * @param claims the claims
	 */
	public void addUser(String username, Map<String, Object> claims) {
		this.users.put(username, new ConcurrentHashMap<>(claims));
	}

	/**
	 * Changes one claim of a user; tokens issued from now on carry the new value.
	 * @param username the user
	 * @param name the claim
	 * @param value the value
	 */
	public void setClaim(String username, String name, Object value) {
		this.users.get(username).put(name, value);
	}

	/**
	 * Sets a claim that only the user's access tokens carry (a JWT signed like the id
	 * token), as Keycloak puts {@code realm_access} there; tokens issued from now on
	 * carry it.
	 * @param username the user
	 * @param name the claim
	 * @param value the value, or {@code null} to remove it
	 */
	public void setAccessTokenClaim(String username, String name, @Nullable Object value) {
		Map<String, Object> claims = this.accessTokenClaims.computeIfAbsent(username,
				(key) -> new ConcurrentHashMap<>());
		if (value == null) {
			claims.remove(name);
		}
		else {
			claims.put(name, value);
		}
	}

	/**
	 * Removes one claim of a user; tokens issued from now on lack it.
	 * @param username the user
	 * @param name the claim
	 */
	public void removeClaim(String username, String name) {
		this.users.get(username).remove(name);
	}

	/**
	 * Starts the provider; it answers at {@link #issuer()} when this returns.
	 * @return this provider
	 */
	public synchronized TestOpenIdProvider start() {
		if (this.context == null) {
			Map<String, Object> properties = new HashMap<>();
			properties.put("server.port", this.port);
			properties.put("server.address", "127.0.0.1");
			properties.put("server.servlet.session.cookie.name", "OP_SESSION");
			// a refusal names its reason in the page, for a test that fails to say why
			properties.put("server.error.include-message", "always");
			properties.put("spring.application.name", "test-openid-provider");
			// the application's own configuration files are not the provider's
			properties.put("spring.config.name", "auth-test-openid-provider");
			properties.put("spring.main.banner-mode", "off");
			properties.put("logging.level.org.springframework.security", "warn");
			this.context = new SpringApplicationBuilder(TestOpenIdProviderConfiguration.class)
				.web(WebApplicationType.SERVLET)
				.initializers((context) -> {
					// first, so that environment variables such as SERVER_PORT meant for
					// the
					// application under test cannot move the provider
					context.getEnvironment()
						.getPropertySources()
						.addFirst(new MapPropertySource("testOpenIdProvider", properties));
					context.getBeanFactory().registerSingleton("testOpenIdProvider", this);
				})
				.run();
		}
		return this;
	}

	/**
	 * Stops the provider; its issuer answers nothing until the next start.
	 */
	public synchronized void stop() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * The issuer, for {@code issuer-uri}.
	 * @return the issuer
	 */
	public String issuer() {
		return "http://localhost:" + this.port;
	}

	/**
	 * Rotates the signing key, as providers do: tokens are signed with a new key from now
	 * on, and the JWKS publishes it beside the old one.
	 */
	public void rotateSigningKey() {
		this.retiredKeys.add(0, this.signingKey);
		this.signingKey = generateKey();
	}

	/**
	 * Forgets every code and token issued so far, as a provider whose store was wiped;
	 * takes effect at the next start. Issued tokens survive a plain restart.
	 */
	public void forgetIssuedTokens() {
		this.authorizations = new SynchronizedAuthorizationService(new InMemoryOAuth2AuthorizationService());
	}

	/**
	 * Replaces the id token of every code exchange from now on: the forger gets the
	 * claims the provider issued and returns the compact JWT to send instead, to test
	 * what the application does with a hostile or broken provider answer.
	 * @param forger the claims to the forged token; {@code null} to stop forging
	 */
	public void forgeIdTokens(@Nullable Function<Map<String, Object>, String> forger) {
		this.idTokenForger = forger;
	}

	/**
	 * Replaces the id token of every refresh token grant from now on, like
	 * {@link #forgeIdTokens} does for code exchanges. The grant itself still happens: the
	 * refresh token is rotated as usual.
	 * @param forger the claims to the forged token; {@code null} to stop forging
	 */
	public void forgeRefreshIdTokens(@Nullable Function<Map<String, Object>, String> forger) {
		this.refreshIdTokenForger = forger;
	}

	/**
	 * Makes the JWKS endpoint answer 503, as a provider whose key service is down.
	 * @param failing whether the JWKS fails
	 */
	public void failJwks(boolean failing) {
		this.jwksFailing = failing;
	}

	/**
	 * A JWT signed with a key this provider never published, under a random key id.
	 * @param claims the claims
	 * @return the compact JWT
	 */
	public String signWithUnknownKey(Map<String, Object> claims) {
		return sign(claims, foreignKey(UUID.randomUUID().toString()), JOSEObjectType.JWT);
	}

	/**
	 * A JWT signed with a foreign key under the provider's current key id: a forgery that
	 * names a key the application knows.
	 * @param claims the claims
	 * @return the compact JWT
	 */
	public String signWithForeignKeyUnderKnownKeyId(Map<String, Object> claims) {
		return sign(claims, foreignKeyUnderCurrentKeyId(), JOSEObjectType.JWT);
	}

	/**
	 * A JWT signed like the provider signs its id tokens (RS256, the current key).
	 * @param claims the claims
	 * @return the compact JWT
	 */
	public String signIdToken(Map<String, Object> claims) {
		return sign(claims, this.signingKey, JOSEObjectType.JWT);
	}

	/**
	 * How many times the JWKS was fetched.
	 * @return the count
	 */
	public int jwksRequests() {
		return this.jwksRequests.get();
	}

	/**
	 * Makes the token endpoint answer only after a delay, as a provider under load.
	 * @param delay the delay; zero for none
	 */
	public void delayTokenEndpoint(Duration delay) {
		this.tokenEndpointDelay = delay;
	}

	/**
	 * Makes the token endpoint hold its answer for a while after it has issued the
	 * tokens, as a provider whose response is slow to arrive: the grant has happened (a
	 * refresh token rotated) before the client sees it.
	 * @param delay the delay; zero for none
	 */
	public void delayTokenResponses(Duration delay) {
		this.tokenResponseDelay = delay;
	}

	/**
	 * Every refresh token this provider has issued since its store was last wiped.
	 * @return the token values, oldest first
	 */
	public List<String> issuedRefreshTokens() {
		return this.authorizations.issuedRefreshTokens();
	}

	/**
	 * The refresh tokens of a user that are still usable: neither rotated away, revoked
	 * nor expired.
	 * @param username the user
	 * @return the token values
	 */
	public List<String> activeRefreshTokens(String username) {
		return this.authorizations.activeRefreshTokens(username);
	}

	/**
	 * How many refresh token grants the token endpoint received.
	 * @return the count
	 */
	public int refreshGrants() {
		return this.refreshGrants.get();
	}

	/**
	 * The refresh token grants this provider answered with new tokens (200), not those it
	 * refused: what a claim about grants issued counts.
	 * @return the count
	 */
	public int acceptedRefreshGrants() {
		return this.acceptedRefreshGrants.get();
	}

	/**
	 * The token exchanges (RFC 8693) this provider answered with a token (200).
	 * @return the count
	 */
	public int acceptedTokenExchanges() {
		return this.acceptedTokenExchanges.get();
	}

	/**
	 * The properties that register this provider in an app as {@code providerId}.
	 * @param providerId the provider id
	 * @return the properties
	 */
	public Map<String, Object> clientProperties(String providerId) {
		String prefix = "auth.providers." + providerId + ".";
		return Map.of(prefix + "issuer-uri", issuer(), prefix + "client-id", this.clientId, prefix + "client-secret",
				this.clientSecret, prefix + "scopes", "openid,profile,email");
	}

	/**
	 * Changes the main client's secret while the provider runs, as an administrator
	 * rotating it would: the old secret is refused from now on.
	 * @param secret the new secret
	 */
	public void changeClientSecret(String secret) {
		RegisteredClientRepository clients = this.context.getBean(RegisteredClientRepository.class);
		RegisteredClient held = clients.findByClientId(this.clientId);
		clients.save(RegisteredClient.from(held).clientSecret("{noop}" + secret).build());
		this.clientSecret = secret;
	}

	/**
	 * The registered client's id.
	 * @return the client id
	 */
	public String clientId() {
		return this.clientId;
	}

	/**
	 * The registered client's secret.
	 * @return the client secret
	 */
	public String clientSecret() {
		return this.clientSecret;
	}

	/**
	 * The users, by username.
	 * @return the usernames
	 */
	public Set<String> usernames() {
		return Set.copyOf(this.users.keySet());
	}

	/**
	 * The properties of an app instance under test: the test Redis, this provider as
	 * {@code test}, and no login-start cap (every test client shares one address).
	 * @return mutable properties
	 */
	public Map<String, Object> appProperties() {
		Map<String, Object> properties = new HashMap<>(TestRedis.get().properties());
		properties.putAll(clientProperties("test"));
		properties.put("auth.flow.max-starts-per-client-per-minute", "100000");
		return properties;
	}

	/**
	 * A back-channel logout token signed like the provider signs its tokens.
	 * @param claims the claims
	 * @return the signed JWT
	 */
	public String signLogoutToken(Map<String, Object> claims) {
		return sign(claims, this.signingKey, new JOSEObjectType("logout+jwt"));
	}

	/**
	 * The claims of a valid back-channel logout token from this provider to its client,
	 * naming neither {@code sid} nor {@code sub} yet.
	 * @return mutable claims
	 */
	public Map<String, Object> logoutTokenClaims() {
		Map<String, Object> claims = new HashMap<>();
		claims.put("iss", issuer());
		claims.put("aud", List.of(this.clientId));
		claims.put("iat", Instant.now().getEpochSecond());
		claims.put("jti", UUID.randomUUID().toString());
		claims.put("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
		return claims;
	}

	/**
	 * A logout token signed with a key the provider does not publish, under the
	 * provider's key id: a forgery.
	 * @param claims the claims
	 * @return the signed JWT
	 */
	public String forgeLogoutToken(Map<String, Object> claims) {
		return sign(claims, foreignKeyUnderCurrentKeyId(), new JOSEObjectType("logout+jwt"));
	}

	private RSAKey foreignKeyUnderCurrentKeyId() {
		return foreignKey(this.signingKey.getKeyID());
	}

	/**
	 * The one key this provider never publishes, under any key id: generating an RSA key
	 * per forged token cost a test of a hundred of them seconds of CPU, and a fresh key
	 * id is all that makes a key unknown.
	 */
	private RSAKey foreignKey(String keyId) {
		RSAKey foreign = this.foreignKey;
		if (foreign == null) {
			foreign = generateKey();
			this.foreignKey = foreign;
		}
		try {
			return new RSAKey.Builder(foreign.toRSAPublicKey()).privateKey(foreign.toRSAPrivateKey())
				.keyID(keyId)
				.build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a refresh token grant as this provider's client, as another instance or
	 * another copy of the token would.
	 * @param refreshToken the refresh token
	 * @return the token endpoint's answer
	 */
	public HttpResponse<String> refreshGrant(String refreshToken) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
					.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString((this.clientId + ":" + this.clientSecret).getBytes(StandardCharsets.UTF_8)))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + refreshToken))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String sign(Map<String, Object> claims, RSAKey key, JOSEObjectType type) {
		return sign(claims, key, type, JWSAlgorithm.RS256);
	}

	private static String sign(Map<String, Object> claims, RSAKey key, JOSEObjectType type, JWSAlgorithm algorithm) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(type).build(),
					JWTClaimsSet.parse(claims));
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	RSAKey signingKey() {
		return this.signingKey;
	}

	JWKSet publishedKeys() {
		List<JWK> keys = new ArrayList<>();
		keys.add(this.signingKey);
		keys.addAll(this.retiredKeys);
		return new JWKSet(keys);
	}

	OAuth2AuthorizationService authorizations() {
		return this.authorizations;
	}

	AtomicInteger jwksRequestCounter() {
		return this.jwksRequests;
	}

	@Nullable Function<Map<String, Object>, String> idTokenForger() {
		return this.idTokenForger;
	}

	@Nullable Function<Map<String, Object>, String> refreshIdTokenForger() {
		return this.refreshIdTokenForger;
	}

	boolean jwksFailing() {
		return this.jwksFailing;
	}

	Duration tokenResponseDelay() {
		return this.tokenResponseDelay;
	}

	Duration tokenEndpointDelay() {
		return this.tokenEndpointDelay;
	}

	Map<String, Object> accessTokenClaims(String username) {
		return this.accessTokenClaims.getOrDefault(username, Map.of());
	}

	Map<String, Map<String, Object>> users() {
		return this.users;
	}

	AtomicInteger refreshGrantCounter() {
		return this.refreshGrants;
	}

	AtomicInteger acceptedRefreshGrantCounter() {
		return this.acceptedRefreshGrants;
	}

	AtomicInteger acceptedTokenExchangeCounter() {
		return this.acceptedTokenExchanges;
	}

	Duration accessTokenTimeToLive() {
		return this.accessTokenTimeToLive;
	}

	boolean reuseRefreshTokens() {
		return this.reuseRefreshTokens;
	}

	/**
	 * Revokes a refresh token's whole family (its authorization, with the current access
	 * and refresh tokens) when a refresh token already exchanged under rotation is
	 * presented again, as Keycloak and Okta do. Reuses are counted either way.
	 * @param detect whether a reuse revokes the family
	 * @return this provider
	 */
	public TestOpenIdProvider detectRefreshTokenReuse(boolean detect) {
		this.detectRefreshTokenReuse = detect;
		return this;
	}

	boolean detectsRefreshTokenReuse() {
		return this.detectRefreshTokenReuse;
	}

	/**
	 * How many times a refresh token already exchanged under rotation was presented
	 * again.
	 * @return the count
	 */
	public int refreshTokenReuses() {
		return this.refreshTokenReuses.get();
	}

	/**
	 * How many token families a reuse revoked.
	 * @return the count
	 */
	public int revokedFamilies() {
		return this.revokedFamilies.get();
	}

	/**
	 * Sets how long before its access token expires a refresh counts as due (the client's
	 * refresh skew, plus slack); a refresh granted earlier than that is counted as
	 * {@linkplain #earlyRefreshGrants() early}. Zero (the default) counts every grant
	 * before expiry as early.
	 * @param window the window before expiry
	 * @return this provider
	 */
	public TestOpenIdProvider refreshWindow(Duration window) {
		this.refreshWindow = window;
		return this;
	}

	/**
	 * How many refresh grants (with rotation) replaced an access token that still had
	 * more than the {@linkplain #refreshWindow(Duration) refresh window} to live: forced
	 * refreshes, or a client refreshing when it need not.
	 * @return the count
	 */
	public int earlyRefreshGrants() {
		return this.earlyRefreshGrants.get();
	}

	void countRefreshGrant(OAuth2Authorization replaced) {
		OAuth2Authorization.Token<OAuth2AccessToken> accessToken = replaced.getAccessToken();
		Instant expiresAt = (accessToken != null) ? accessToken.getToken().getExpiresAt() : null;
		if (expiresAt != null && Instant.now().plus(this.refreshWindow).isBefore(expiresAt)) {
			this.earlyRefreshGrants.incrementAndGet();
		}
	}

	AtomicInteger refreshTokenReuseCounter() {
		return this.refreshTokenReuses;
	}

	AtomicInteger revokedFamilyCounter() {
		return this.revokedFamilies;
	}

	@Nullable Retired retiredRefreshToken(String refreshToken) {
		return this.retiredRefreshTokens.get(refreshToken);
	}

	/**
	 * Claims a refresh token for a grant about to run.
	 * @return the claim or retirement already there (a reuse), or {@code null}
	 */
	@Nullable Retired claimRefreshToken(String refreshToken, Retired claim) {
		return this.retiredRefreshTokens.putIfAbsent(refreshToken, claim);
	}

	void retireRefreshToken(String refreshToken, Retired claim) {
		this.retiredRefreshTokens.put(refreshToken,
				new Retired(claim.family(), claim.username(), claim.received(), Instant.now()));
	}

	/** A grant that failed spent nothing: its token may be presented again. */
	void releaseRefreshToken(String refreshToken, Retired claim) {
		this.retiredRefreshTokens.remove(refreshToken, claim);
	}

	void logReuse(Retired retired) {
		Instant now = Instant.now();
		// a claim not answered yet was presented again while its grant ran
		this.refreshTokenReuseLog.add(new RefreshTokenReuse(retired.username(), retired.received(),
				(retired.at() != null) ? retired.at() : now, now));
	}

	/**
	 * Every reuse of a refresh token already exchanged under rotation: whose it was, when
	 * the grant that retired it arrived and was answered, and when it was presented
	 * again. A reuse whose retiring grant was in flight when the client that sent it died
	 * is the crash's doing: the new tokens existed only in the dead process.
	 * @return the reuses, oldest first
	 */
	public List<RefreshTokenReuse> refreshTokenReuseLog() {
		return List.copyOf(this.refreshTokenReuseLog);
	}

	Set<String> registrationIdSet() {
		return this.registrationIds;
	}

	Set<String> callbackBases() {
		return this.callbackBases;
	}

	Set<String> extraRedirectOrigins() {
		return this.extraRedirectOrigins;
	}

	private static RSAKey generateKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record JwtClient(String clientId, String method, String jwkSetUrlOrSecret, String algorithm) {
	}

	/**
	 * One reuse of a retired refresh token.
	 *
	 * @param username whose token it was
	 * @param grantReceivedAt when the grant that retired it arrived
	 * @param retiredAt when that grant was answered
	 * @param presentedAt when it was presented again
	 */
	public record RefreshTokenReuse(String username, Instant grantReceivedAt, Instant retiredAt, Instant presentedAt) {
	}

	/**
	 * A refresh token claimed by a grant, and retired once that grant was answered.
	 *
	 * @param family the authorization it belongs to
	 * @param username whose it is
	 * @param received when the grant arrived
	 * @param at when the grant was answered, or {@code null} while it runs
	 */
	record Retired(String family, String username, Instant received, @Nullable Instant at) {
	}

}
