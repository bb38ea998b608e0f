package io.github.authstarter.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Which tenant each request is for.
 */
public class AuthTenantsProperties {

	/**
	 * How the tenant of a request is found: none (every provider signs in everywhere),
	 * host (the first label below auth.tenants.domain), path (the segment after
	 * auth.tenants.path-prefix) or header (auth.tenants.header, set by a gateway). An
	 * application's own TenantResolver bean is used whatever this says.
	 */
	private TenantResolution resolution = TenantResolution.NONE;

	/**
	 * The application's domain under which each tenant has its host, such as example.com
	 * (acme.example.com is tenant acme); with resolution host.
	 */
	private @Nullable String domain;

	/**
	 * The path before each tenant's segment, with resolution path: plain lowercase
	 * segments without a trailing slash. /t serves tenant acme below /t/acme, the
	 * starter's endpoints included (/t/acme/auth/login).
	 */
	private String pathPrefix = "/t";

	/**
	 * The header that names the tenant, set by a gateway that drops the one clients send;
	 * with resolution header.
	 */
	private String header = "X-Tenant";

	/**
	 * Whether the sign-in page asks for an email first and sends the user to the provider
	 * whose allowed-email-domains names its domain (home-realm discovery), the address
	 * passed on as login_hint.
	 */
	private boolean emailSignIn;

	public boolean isEmailSignIn() {
		return this.emailSignIn;
	}

	public void setEmailSignIn(boolean emailSignIn) {
		this.emailSignIn = emailSignIn;
	}

	public TenantResolution getResolution() {
		return this.resolution;
	}

	public void setResolution(TenantResolution resolution) {
		this.resolution = resolution;
	}

	public @Nullable String getDomain() {
		return this.domain;
	}

	public void setDomain(@Nullable String domain) {
		this.domain = domain;
	}

	public String getPathPrefix() {
		return this.pathPrefix;
	}

	public void setPathPrefix(String pathPrefix) {
		this.pathPrefix = pathPrefix;
	}

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

	/**
	 * How the tenant of a request is found.
	 */
	public enum TenantResolution {

		/** No tenants: every provider signs in on every request. */
		NONE,

		/** The first label of the host below the application's domain. */
		HOST,

		/**
		 * The path segment after a prefix, which serves each tenant below its path.
		 */
		PATH,

		/** A header a gateway sets. */
		HEADER

	}

}
