package com.example.sample;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.web.AuthPaths;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page: sign-in buttons for every configured provider, or the signed-in user's
 * card.
 */
@Controller
class HomeController {

	private final DiscoveringClientRegistrationRepository providers;

	private final AuthPaths paths;

	private final OAuth2AuthorizedClientRepository authorizedClients;

	HomeController(DiscoveringClientRegistrationRepository providers, AuthPaths paths,
			OAuth2AuthorizedClientRepository authorizedClients) {
		this.providers = providers;
		this.paths = paths;
		this.authorizedClients = authorizedClients;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal OAuth2User user, OAuth2AuthenticationToken authentication, Model model,
			HttpServletRequest request) {
		List<Map<String, String>> buttons = this.providers.definitions()
			.stream()
			.map((provider) -> Map.of("name", provider.displayName(), "url",
					this.paths.loginPath(provider.registrationId())))
			.toList();
		model.addAttribute("providers", buttons);
		if (user != null && authentication != null) {
			String provider = authentication.getAuthorizedClientRegistrationId();
			OAuth2AuthorizedClient client = this.authorizedClients.loadAuthorizedClient(provider, authentication,
					request);
			Instant expiresAt = (client != null) ? client.getAccessToken().getExpiresAt() : null;
			model.addAttribute("user", Map.of("name", attribute(user, "name", user.getName()), "email",
					attribute(user, "email", "(no email)"), "provider", provider));
			model.addAttribute("claims", new TreeMap<>(user.getAttributes()));
			model.addAttribute("accessTokenExpiresAt", (expiresAt != null) ? expiresAt.toString() : "unknown");
		}
		return "index";
	}

	private static String attribute(OAuth2User user, String name, String fallback) {
		Object value = user.getAttribute(name);
		return (value != null) ? value.toString() : fallback;
	}

}
