package io.github.authstarter.test;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.github.authstarter.session.SessionUser;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.util.StringUtils;

/**
 * A signed-in user for tests that do not run a login: its claims, provider, authorities
 * and tokens, as {@code CurrentUser} and {@code /auth/user} will see them. The tokens are
 * made-up strings (the id token an unsigned JWT of the claims): they satisfy the
 * application, never a real provider.
 *
 * <pre class="code">
 * TestUser.withSubject("alice").provider("microsoft").name("Alice").claim("roles", List.of("admin"))
 * </pre>
 */
public final class TestUser {

	/**
	 * The authorities the starter grants an OpenID Connect user whose claims map to none
	 * (scopes become authorities only with {@code authorities.include-scopes}).
	 */
	public static final List<String> DEFAULT_AUTHORITIES = List.of("OIDC_USER");

	/** The scopes of the access token unless set. */
	public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");

	private final String subject;

	private @Nullable String provider;

	private final Map<String, Object> claims = new LinkedHashMap<>();

	private List<String> authorities = DEFAULT_AUTHORITIES;

	private final List<String> roles = new ArrayList<>();

	private List<String> scopes = DEFAULT_SCOPES;

	private Duration expiresIn = Duration.ofMinutes(5);

	private @Nullable String accessToken;

	private boolean refreshToken = true;

	private String issuer = "https://openid-provider.test";

	private TestUser(String subject) {
		if (!StringUtils.hasText(subject)) {
			throw new IllegalArgumentException("A test user needs a subject");
		}
		this.subject = subject;
	}

	/**
	 * A user with the given subject ({@code sub}) and nothing else set.
	 * @param subject the subject
	 * @return the user
	 */
	public static TestUser withSubject(String subject) {
		return new TestUser(subject);
	}

	/**
	 * The user described by an annotation.
	 * @param annotation the annotation
	 * @return the user
	 */
	public static TestUser from(WithCurrentUser annotation) {
		TestUser user = new TestUser(annotation.value());
		if (StringUtils.hasText(annotation.provider())) {
			user.provider(annotation.provider());
		}
		if (StringUtils.hasText(annotation.name())) {
			user.name(annotation.name());
		}
		if (StringUtils.hasText(annotation.email())) {
			user.email(annotation.email());
		}
		Map<String, List<String>> repeated = new LinkedHashMap<>();
		for (String claim : annotation.claims()) {
			int equals = claim.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException(
						"@WithCurrentUser claims are \"name=value\" pairs; got \"" + claim + "\"");
			}
			repeated.computeIfAbsent(claim.substring(0, equals), (name) -> new ArrayList<>())
				.add(claim.substring(equals + 1));
		}
		repeated.forEach((name, values) -> user.claim(name, (values.size() == 1) ? values.get(0) : values));
		if (annotation.authorities().length > 0) {
			user.authorities(annotation.authorities());
		}
		user.roles(annotation.roles());
		user.expiresIn(DurationStyle.detectAndParse(annotation.expiresIn()));
		if (StringUtils.hasText(annotation.accessToken())) {
			user.accessToken(annotation.accessToken());
		}
		if (!annotation.refreshToken()) {
			user.withoutRefreshToken();
		}
		return user;
	}

	/**
	 * Sets the provider id (the {@code <id>} of {@code auth.providers.<id>}). Unset, it
	 * is the application's only configured provider, or {@code test} when it has none.
	 * @param provider the provider id
	 * @return this user
	 */
	public TestUser provider(String provider) {
		this.provider = provider;
		return this;
	}

	/**
	 * Sets the {@code name} claim.
	 * @param name the display name
	 * @return this user
	 */
	public TestUser name(String name) {
		return claim("name", name);
	}

	/**
	 * Sets the {@code email} claim, and {@code email_verified} to true.
	 * @param email the address
	 * @return this user
	 */
	public TestUser email(String email) {
		claim("email_verified", true);
		return claim("email", email);
	}

	/**
	 * Sets a claim of the id token.
	 * @param name the claim
	 * @param value a string, number, boolean, list or map
	 * @return this user
	 */
	public TestUser claim(String name, Object value) {
		this.claims.put(name, value);
		return this;
	}

	/**
	 * Sets the granted authorities, replacing {@link #DEFAULT_AUTHORITIES}.
	 * @param authorities the authorities
	 * @return this user
	 */
	public TestUser authorities(String... authorities) {
		this.authorities = List.of(authorities);
		return this;
	}

	/**
	 * Adds roles, as the provider's claims would map to them: {@code roles("admins")}
	 * grants {@code ROLE_admins}, so {@code hasRole('admins')} and
	 * {@code currentUser.hasRole("admins")} hold.
	 * @param roles the roles, with or without the {@code ROLE_} prefix
	 * @return this user
	 */
	public TestUser roles(String... roles) {
		for (String role : roles) {
			this.roles.add(role.startsWith("ROLE_") ? role : "ROLE_" + role);
		}
		return this;
	}

	/**
	 * Sets the access token's scopes; {@link #DEFAULT_SCOPES} unless set.
	 * @param scopes the scopes
	 * @return this user
	 */
	public TestUser scopes(String... scopes) {
		this.scopes = List.of(scopes);
		return this;
	}

	/**
	 * Sets how long from now the access and id tokens are valid; zero or negative makes
	 * them expired. Five minutes unless set.
	 * @param expiresIn the lifetime left
	 * @return this user
	 */
	public TestUser expiresIn(Duration expiresIn) {
		this.expiresIn = expiresIn;
		return this;
	}

	/**
	 * Sets the access token's value; a random one unless set.
	 * @param value the value
	 * @return this user
	 */
	public TestUser accessToken(String value) {
		this.accessToken = value;
		return this;
	}

	/**
	 * Gives the user no refresh token, as a provider that issues none.
	 * @return this user
	 */
	public TestUser withoutRefreshToken() {
		this.refreshToken = false;
		return this;
	}

	/**
	 * Sets the id token's issuer; {@code https://openid-provider.test} unless set.
	 * @param issuer the issuer
	 * @return this user
	 */
	public TestUser issuer(String issuer) {
		this.issuer = issuer;
		return this;
	}

	/**
	 * The subject.
	 * @return the subject
	 */
	public String subject() {
		return this.subject;
	}

	/**
	 * The provider id, if set.
	 * @return the provider id, or {@code null}
	 */
	public @Nullable String provider() {
		return this.provider;
	}

	/**
	 * The session record of this user, as a completed login would store it.
	 * @param defaultProvider the provider id when none is set
	 * @param now the time of the sign-in
	 * @return the record
	 */
	SessionUser toSessionUser(String defaultProvider, Instant now) {
		String providerId = (this.provider != null) ? this.provider : defaultProvider;
		Instant expiresAt = now.plus(this.expiresIn);
		// a token's issue time must precede its expiry, also for already expired ones
		Instant issuedAt = expiresAt.isAfter(now) ? now : expiresAt.minus(Duration.ofMinutes(5));
		Map<String, Object> idClaims = new LinkedHashMap<>();
		idClaims.put("iss", this.issuer);
		idClaims.put("sub", this.subject);
		idClaims.put("aud", List.of(providerId));
		idClaims.put("iat", issuedAt);
		idClaims.put("exp", expiresAt);
		idClaims.put("auth_time", issuedAt);
		idClaims.putAll(this.claims);
		OidcIdToken idToken = new OidcIdToken(unsignedJwt(idClaims), issuedAt, expiresAt, idClaims);
		String tokenSuffix = this.subject + "-" + UUID.randomUUID();
		Set<String> scopes = new LinkedHashSet<>(this.scopes);
		this.authorities.stream()
			.filter((authority) -> authority.startsWith("SCOPE_"))
			.forEach((authority) -> scopes.add(authority.substring("SCOPE_".length())));
		OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
				(this.accessToken != null) ? this.accessToken : "test-access-token-" + tokenSuffix, issuedAt, expiresAt,
				scopes);
		OAuth2RefreshToken refresh = this.refreshToken
				? new OAuth2RefreshToken("test-refresh-token-" + tokenSuffix, issuedAt) : null;
		List<String> granted = new ArrayList<>(this.authorities);
		this.roles.stream().filter((role) -> !granted.contains(role)).forEach(granted::add);
		return new SessionUser(providerId, "sub", granted, idToken, null, null, access, refresh, now);
	}

	private static String unsignedJwt(Map<String, Object> claims) {
		Map<String, Object> json = new LinkedHashMap<>();
		claims.forEach((name, value) -> json.put(name, (value instanceof Instant instant) ? instant.getEpochSecond()
				: (value instanceof Set<?> set) ? List.copyOf(set) : value));
		try {
			return new PlainJWT(JWTClaimsSet.parse(json)).serialize();
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("Claims that make no JWT: " + ex.getMessage(), ex);
		}
	}

}
