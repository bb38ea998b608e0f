package io.github.authstarter.web;

import java.io.IOException;

import io.github.authstarter.event.SignedInEvent;
import io.github.authstarter.flow.RedirectTarget;
import io.github.authstarter.flow.RedisFlowStateRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

	LoginSuccessHandler(String defaultTarget, ApplicationEventPublisher events) {
		this.defaultTarget = defaultTarget;
		this.events = events;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		if (authentication instanceof OAuth2AuthenticationToken token) {
			String subject = (token.getPrincipal() instanceof OidcUser oidc) ? oidc.getSubject() : token.getName();
			this.events.publishEvent(new SignedInEvent(token.getAuthorizedClientRegistrationId(), subject));
		}
		Object target = request.getAttribute(RedisFlowStateRepository.REDIRECT_TARGET_ATTRIBUTE);
		String safe = RedirectTarget.safeOr((target instanceof String text) ? text : null, this.defaultTarget);
		response.setHeader("Cache-Control", "no-store");
		response.sendRedirect(request.getContextPath() + safe);
	}

}
