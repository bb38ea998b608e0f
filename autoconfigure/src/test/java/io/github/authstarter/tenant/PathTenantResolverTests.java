package io.github.authstarter.tenant;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PathTenantResolver} and {@link TenantPathFilter}.
 */
class PathTenantResolverTests {

	private final PathTenantResolver resolver = new PathTenantResolver("/t/");

	@Test
	void segmentAfterThePrefixIsTheTenant() {
		assertThat(tenantOf("", "/t/acme/orders")).isEqualTo("acme");
		assertThat(tenantOf("", "/t/a-1")).isEqualTo("a-1");
		assertThat(tenantOf("/app", "/app/t/acme/")).isEqualTo("acme");
	}

	@Test
	void otherPathsAndOtherSpellingsAreForNoTenant() {
		assertThat(tenantOf("", "/")).isNull();
		assertThat(tenantOf("", "/t/")).isNull();
		assertThat(tenantOf("", "/tt/acme/")).isNull();
		assertThat(tenantOf("", "/auth/login")).isNull();
		// one tenant, one spelling: the one its cookies are scoped to
		assertThat(tenantOf("", "/t/Acme/")).isNull();
		assertThat(tenantOf("", "/t/ac%6De/")).isNull();
		assertThat(tenantOf("", "/t/acme;x=1/")).isNull();
		assertThat(tenantOf("", "/t/-acme/")).isNull();
		// sent below one tenant, decoded below another: the filter serves it as neither
		MockHttpServletRequest dotted = request("", "/t/acme/..;/bob/x");
		dotted.setServletPath("/t/bob/x");
		assertThat(this.resolver.resolve(dotted)).isNull();
	}

	@Test
	void belowItsPathTheTenantsPathIsTheContextPath() throws IOException, ServletException {
		MockHttpServletRequest request = request("/app", "/app/t/acme/auth/login/okta");
		AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
		new TenantPathFilter(this.resolver).doFilter(request, new MockHttpServletResponse(),
				(served, response) -> seen.set((HttpServletRequest) served));
		assertThat(seen.get().getContextPath()).isEqualTo("/app/t/acme");
		assertThat(seen.get().getServletPath()).isEqualTo("/auth/login/okta");
		assertThat(seen.get().getRequestURI()).isEqualTo("/app/t/acme/auth/login/okta");
		assertThat(this.resolver.resolve(seen.get())).isEqualTo("acme");
		// forwarded to a page of the application's, as the container does it
		request.setRequestURI("/app/error-page");
		request.setServletPath("/error-page");
		assertThat(seen.get().getContextPath()).isEqualTo("/app");
		assertThat(seen.get().getServletPath()).isEqualTo("/error-page");
		assertThat(this.resolver.resolve(seen.get())).as("still the tenant's request").isEqualTo("acme");
	}

	@Test
	void forwardsAndAsyncDispatchesStayBelowTheTenantsPath() throws IOException, ServletException {
		AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
		MockHttpServletRequest request = request("", "/t/acme/orders");
		request.setAsyncSupported(true);
		new TenantPathFilter(this.resolver).doFilter(request, new MockHttpServletResponse(),
				(served, response) -> seen.set((HttpServletRequest) served));
		assertThat(forwardedTo(seen.get(), "/sign-out")).isEqualTo("/t/acme/sign-out");
		assertThat(forwardedTo(seen.get(), "/WEB-INF/views/page.jsp")).isEqualTo("/WEB-INF/views/page.jsp");
		// a path climbing out of the tenant's is left for the container to refuse
		assertThat(forwardedTo(seen.get(), "/../globex/x")).isEqualTo("/../globex/x");
		assertThat(forwardedTo(seen.get(), "/..;/globex/x")).isEqualTo("/..;/globex/x");
		seen.get().startAsync().dispatch();
		assertThat(((MockAsyncContext) request.getAsyncContext()).getDispatchedPath()).isEqualTo("/t/acme/orders");
		// as Spring MVC starts it: on the request it was given, the tenant's view
		seen.get().startAsync(seen.get(), new MockHttpServletResponse()).dispatch();
		assertThat(((MockAsyncContext) request.getAsyncContext()).getDispatchedPath()).isEqualTo("/t/acme/orders");
	}

	@Test
	void anAsyncDispatchBelowATenantsPathKeepsItsTenant() throws IOException, ServletException {
		AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
		MockHttpServletRequest request = request("", "/t/acme/t/globex/x");
		new TenantPathFilter(this.resolver).doFilter(request, new MockHttpServletResponse(),
				(served, response) -> seen.set((HttpServletRequest) served));
		AtomicReference<HttpServletRequest> again = new AtomicReference<>();
		request.setDispatcherType(DispatcherType.ASYNC);
		new TenantPathFilter(this.resolver).doFilter(seen.get(), new MockHttpServletResponse(),
				(served, response) -> again.set((HttpServletRequest) served));
		assertThat(again.get()).isSameAs(seen.get());
		assertThat(this.resolver.resolve(again.get())).isEqualTo("acme");
	}

	@Test
	void whatTheContainerKeepsFromRequestsStaysKeptBelowATenantsPath() throws IOException, ServletException {
		for (String path : new String[] { "/t/acme/WEB-INF/jsp/admin.jsp", "/t/acme/web-inf/web.xml",
				"/t/acme/META-INF/MANIFEST.MF" }) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			new TenantPathFilter(this.resolver).doFilter(request("", path), response, (served, answer) -> {
				throw new AssertionError("served " + path);
			});
			assertThat(response.getStatus()).as(path).isEqualTo(404);
		}
	}

	@Test
	void pathsOfNoTenantPassUntouchedAndTheTenantsRootGetsItsSlash() throws IOException, ServletException {
		MockHttpServletRequest request = request("", "/auth/login");
		AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
		new TenantPathFilter(this.resolver).doFilter(request, new MockHttpServletResponse(),
				(served, response) -> seen.set((HttpServletRequest) served));
		assertThat(seen.get()).isSameAs(request);
		MockHttpServletResponse root = new MockHttpServletResponse();
		new TenantPathFilter(this.resolver).doFilter(request("", "/t/acme"), root, (served, response) -> {
			throw new AssertionError("served");
		});
		assertThat(root.getRedirectedUrl()).isEqualTo("acme/");
	}

	private static String forwardedTo(HttpServletRequest request, String path) throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		request.getRequestDispatcher(path).forward(request, response);
		return response.getForwardedUrl();
	}

	private String tenantOf(String contextPath, String uri) {
		return this.resolver.resolve(request(contextPath, uri));
	}

	private static MockHttpServletRequest request(String contextPath, String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.setContextPath(contextPath);
		request.setServletPath(uri.substring(contextPath.length()));
		return request;
	}

}
