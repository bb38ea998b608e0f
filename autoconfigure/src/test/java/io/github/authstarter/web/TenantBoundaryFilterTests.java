package io.github.authstarter.web;

import java.io.IOException;
import java.util.Map;

import io.github.authstarter.autoconfigure.DefaultAuthPaths;
import io.github.authstarter.session.SessionAdmission;
import io.github.authstarter.tenant.HeaderTenantResolver;
import io.github.authstarter.tenant.TenantBoundary;
import jakarta.servlet.ServletException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TenantBoundaryFilter}.
 */
class TenantBoundaryFilterTests {

	private final TenantBoundaryFilter filter = new TenantBoundaryFilter(
			DefaultAuthPaths.get(), new TenantBoundary(new HeaderTenantResolver("X-Tenant"),
					(id) -> Map.of("globex-idp", "globex").get(id), SessionAdmission.ALWAYS),
			AuthErrorResponder.standard(), (ApplicationEventPublisher) (event) -> {
			});

	@ParameterizedTest
	@ValueSource(strings = { "/auth/login/globex-idp", "/auth/login/globex-%69dp", "/auth/login/globex-idp;x=1",
			"/login/oauth2/code/globex-idp;jsessionid=1",
			"/auth/login/globex-idp;x=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
	void anotherTenantsProviderIsRefusedHoweverItsIdIsSpelled(String path) throws IOException, ServletException {
		// with semicolons allowed by the application's firewall, Spring Security reads
		// the id without its path parameter
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.addHeader("X-Tenant", "acme");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(chain.getRequest()).as("not passed on").isNull();
	}

}
