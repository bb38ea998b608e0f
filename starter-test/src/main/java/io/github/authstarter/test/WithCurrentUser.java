package io.github.authstarter.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Signs a user in for a test method (or every method of a test class): MockMvc requests
 * and {@code CurrentUser} in the test itself see this user, with its claims and tokens,
 * without a login. Works with {@code @WebMvcTest} (no Redis, no provider) and with
 * {@code @SpringBootTest} + {@code @AutoConfigureMockMvc} (the session is written to the
 * application's real session store). Without it, requests are anonymous. A request's own
 * {@link AuthRequestPostProcessors#currentUser(String) currentUser(...)} or
 * {@link AuthRequestPostProcessors#anonymous() anonymous()} wins over it.
 *
 * <pre class="code">
 * &#64;Test
 * &#64;WithCurrentUser(value = "alice", provider = "microsoft", name = "Alice", claims = { "roles=admin", "roles=user" })
 * void adminsSeeTheReport() throws Exception { ... }
 * </pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Inherited
@Documented
public @interface WithCurrentUser {

	/**
	 * The subject ({@code sub}).
	 * @return the subject
	 */
	String value() default "user";

	/**
	 * The provider id; empty means the application's only configured provider, or
	 * {@code test} when it has none.
	 * @return the provider id
	 */
	String provider() default "";

	/**
	 * The {@code name} claim; empty means none (the name shown is then the subject).
	 * @return the name
	 */
	String name() default "";

	/**
	 * The {@code email} claim ({@code email_verified} is then true); empty means none.
	 * @return the email address
	 */
	String email() default "";

	/**
	 * More claims as {@code "name=value"} strings; a name given several times becomes a
	 * list, such as {@code {"roles=admin", "roles=user"}}.
	 * @return the claims
	 */
	String[] claims() default {};

	/**
	 * The granted authorities; empty means {@link TestUser#DEFAULT_AUTHORITIES}.
	 * @return the authorities
	 */
	String[] authorities() default {};

	/**
	 * Roles, added to the authorities with the {@code ROLE_} prefix, as
	 * {@code auth.providers.<id>.authorities.*} would map the provider's claims:
	 * {@code roles = "admins"} makes {@code hasRole('admins')} hold.
	 * @return the roles
	 */
	String[] roles() default {};

	/**
	 * How long the tokens stay valid, such as {@code 5m}, {@code 30s} or {@code PT1H};
	 * {@code 0s} or negative means already expired.
	 * @return the remaining lifetime
	 */
	String expiresIn() default "5m";

	/**
	 * The access token's value; empty means a random one.
	 * @return the access token
	 */
	String accessToken() default "";

	/**
	 * Whether the user has a refresh token.
	 * @return whether there is a refresh token
	 */
	boolean refreshToken() default true;

}
