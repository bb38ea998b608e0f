package io.github.authstarter.provider;

import org.jspecify.annotations.Nullable;

/**
 * The addresses of a provider, any of which may be unknown until discovery.
 *
 * @param issuer the issuer identifier, or a template with {@code {tenantid}}
 * @param authorization the authorization endpoint
 * @param token the token endpoint
 * @param userInfo the user-info endpoint
 * @param jwkSet the JSON Web Key Set of the provider
 * @param endSession the OIDC RP-initiated logout endpoint
 * @param revocation the RFC 7009 token revocation endpoint
 */
public record ProviderEndpoints(@Nullable String issuer, @Nullable String authorization, @Nullable String token,
		@Nullable String userInfo, @Nullable String jwkSet, @Nullable String endSession, @Nullable String revocation) {

	/** No endpoint known. */
	public static final ProviderEndpoints NONE = new ProviderEndpoints(null, null, null, null, null, null, null);

	/**
	 * Endpoints named one by one; those not named stay unknown.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns these endpoints with each one that {@code overrides} knows replaced.
	 * @param overrides the endpoints that win
	 * @return the merged endpoints
	 */
	public ProviderEndpoints overriddenBy(ProviderEndpoints overrides) {
		return new ProviderEndpoints(pick(overrides.issuer, this.issuer),
				pick(overrides.authorization, this.authorization), pick(overrides.token, this.token),
				pick(overrides.userInfo, this.userInfo), pick(overrides.jwkSet, this.jwkSet),
				pick(overrides.endSession, this.endSession), pick(overrides.revocation, this.revocation));
	}

	/**
	 * Whether a login can start and complete without discovery.
	 * @param openId whether the provider issues id tokens, which need the key set
	 * @return whether the endpoints needed for login are all known
	 */
	public boolean sufficientForLogin(boolean openId) {
		return this.authorization != null && this.token != null && (!openId || this.jwkSet != null);
	}

	/**
	 * Whether the issuer is a template that each tenant fills in (multi-tenant
	 * providers).
	 * @return whether the issuer is templated
	 */
	public boolean templatedIssuer() {
		return this.issuer != null && this.issuer.contains(TemplatedIssuerValidator.TENANT_PLACEHOLDER);
	}

	private static @Nullable String pick(@Nullable String preferred, @Nullable String fallback) {
		return (preferred != null) ? preferred : fallback;
	}

	/**
	 * Builds {@link ProviderEndpoints} by name.
	 */
	public static final class Builder {

		private @Nullable String issuer;

		private @Nullable String authorization;

		private @Nullable String token;

		private @Nullable String userInfo;

		private @Nullable String jwkSet;

		private @Nullable String endSession;

		private @Nullable String revocation;

		private Builder() {
		}

		/**
		 * Sets the issuer identifier, or a template with {@code {tenantid}}.
		 * @param issuer the issuer identifier, or a template with {@code {tenantid}}
		 * @return this builder
		 */
		public Builder issuer(@Nullable String issuer) {
			this.issuer = issuer;
			return this;
		}

		/**
		 * Sets the authorization endpoint.
		 * @param authorization the authorization endpoint
		 * @return this builder
		 */
		public Builder authorization(@Nullable String authorization) {
			this.authorization = authorization;
			return this;
		}

		/**
		 * Sets the token endpoint.
		 * @param token the token endpoint
		 * @return this builder
		 */
		public Builder token(@Nullable String token) {
			this.token = token;
			return this;
		}

		/**
		 * Sets the user-info endpoint.
		 * @param userInfo the user-info endpoint
		 * @return this builder
		 */
		public Builder userInfo(@Nullable String userInfo) {
			this.userInfo = userInfo;
			return this;
		}

		/**
		 * Sets the JSON Web Key Set of the provider.
		 * @param jwkSet the JSON Web Key Set of the provider
		 * @return this builder
		 */
		public Builder jwkSet(@Nullable String jwkSet) {
			this.jwkSet = jwkSet;
			return this;
		}

		/**
		 * Sets the OIDC RP-initiated logout endpoint.
		 * @param endSession the OIDC RP-initiated logout endpoint
		 * @return this builder
		 */
		public Builder endSession(@Nullable String endSession) {
			this.endSession = endSession;
			return this;
		}

		/**
		 * Sets the RFC 7009 token revocation endpoint.
		 * @param revocation the RFC 7009 token revocation endpoint
		 * @return this builder
		 */
		public Builder revocation(@Nullable String revocation) {
			this.revocation = revocation;
			return this;
		}

		/**
		 * The endpoints named so far.
		 * @return the endpoints
		 */
		public ProviderEndpoints build() {
			return new ProviderEndpoints(this.issuer, this.authorization, this.token, this.userInfo, this.jwkSet,
					this.endSession, this.revocation);
		}

	}

}
