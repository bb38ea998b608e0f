package io.github.authstarter.web;

import java.io.IOException;
import java.time.Duration;

import io.github.authstarter.event.SignedInEvent;
import io.github.authstarter.flow.Reauthentication;
import io.github.authstarter.flow.RedirectTarget;
import io.github.authstarter.flow.RedisFlowStateRepository;
import io.github.authstarter.http.JsonResponses;
import io.github.authstarter.logout.SessionIndex;
import io.github.authstarter.logout.UserSessions;
import io.github.authstarter.tenant.TenantBoundary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Sends the user to the target their login started with, validated again here so only a
 * path on this application is ever used.
 */
final class LoginSuccessHandler implements AuthenticationSuccessHandler {

	private final String defaultTarget;

	private final ApplicationEventPublisher events;

	private final @Nullable SessionIndex index;

	private final @Nullable LastUsedProvider lastUsed;

	private final @Nullable TenantBoundary tenants;

	LoginSuccessHandler(String defaultTarget, ApplicationEventPublisher events, @Nullable SessionIndex index,
			@Nullable LastUsedProvider lastUsed) {
		this(defaultTarget, events, index, lastUsed, null);
	}

	LoginSuccessHandler(String defaultTarget, ApplicationEventPublisher events, @Nullable SessionIndex index,
			@Nullable LastUsedProvider lastUsed, @Nullable TenantBoundary tenants) {
		this.tenants = tenants;
		this.defaultTarget = defaultTarget;
		this.events = events;
		this.index = index;
		this.lastUsed = lastUsed;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		request.setAttribute(LoginObservationFilter.OUTCOME, "success");
		if (authentication instanceof OAuth2AuthenticationToken token) {
			String subject = (token.getPrincipal() instanceof OidcUser oidc) ? oidc.getSubject() : token.getName();
			this.events.publishEvent(new SignedInEvent(token.getAuthorizedClientRegistrationId(), subject));
			if (this.lastUsed != null) {
				this.lastUsed.remember(request, response, token.getAuthorizedClientRegistrationId());
			}
			HttpSession session = request.getSession(false);
			if (session != null) {
				if (this.tenants != null) {
					this.tenants.bind(request, session);
				}
				UserSessions.recordDevice(request, session);
				Reauthentication.recordLogin(request, session, token.getAuthorizedClientRegistrationId(),
						(token.getPrincipal() instanceof OidcUser oidc) ? oidc.getIdToken() : null);
			}
			if (this.index != null && session != null) {
				String sid = (token.getPrincipal() instanceof OidcUser oidc) ? oidc.getClaimAsString("sid") : null;
				this.index.add(token.getAuthorizedClientRegistrationId(), sid, subject, session.getId(),
						Duration.ofSeconds(Math.max(session.getMaxInactiveInterval(), 0)).plusDays(1));
			}
		}
		Object target = request.getAttribute(RedisFlowStateRepository.REDIRECT_TARGET_ATTRIBUTE);
		String safe = RedirectTarget.safeOr((target instanceof String text) ? text : null, this.defaultTarget);
		JsonResponses.noStore(response);
		response.sendRedirect(request.getContextPath() + safe);
	}

}
