package io.github.authstarter.test.dev;

import org.springframework.context.annotation.Import;

/**
 * Sign-in during development, with no provider and no Redis installed: add it to the
 * application in its test sources, as Spring Boot's development-time services are added:
 *
 * <pre class="code">
 * public class TestMyApplication {
 *
 *     public static void main(String[] args) {
 *         SpringApplication.from(MyApplication::main).with(AuthDevServices.class).run(args);
 *     }
 *
 * }
 * </pre>
 *
 * and run {@code ./mvnw spring-boot:test-run}. Before the application's configuration is
 * read, it starts the test kit's OpenID Provider and serves from it every configured
 * provider whose issuer does not answer (or a provider {@code dev} when none is
 * configured), with the users of {@code auth.dev.users.*} ({@code alice}, an admin, and
 * {@code bob} by default, password {@code password}); and it starts a Redis unless
 * {@code spring.data.redis.*} already answers. It lives in the test kit only: the
 * application's jar carries none of it. Not a {@code @Configuration}: component scanning
 * never picks it up, only {@code with(AuthDevServices.class)} does.
 */
@Import(DevServicesStarter.class)
public class AuthDevServices {

}
