package com.example.sample;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.authstarter.user.CurrentUser;
import io.github.authstarter.user.SignInProviders;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page: sign-in buttons for every configured provider, or the signed-in user's
 * card.
 */
@Controller
class HomeController {

	private final SignInProviders providers;

	private final CurrentUser user;

	HomeController(SignInProviders providers, CurrentUser user) {
		this.providers = providers;
		this.user = user;
	}

	/**
	 * An admin-only page: {@code SampleSecurity} lets only the {@code admins} role in.
	 * @param model the view model
	 * @return the view
	 */
	@GetMapping("/admin")
	String admin(Model model) {
		model.addAttribute("name", this.user.name());
		model.addAttribute("authorities", String.join(", ", new TreeSet<>(this.user.authorities())));
		return "admin";
	}

	@GetMapping("/")
	String home(Model model) {
		List<Map<String, String>> buttons = this.providers.all()
			.stream()
			.map((provider) -> Map.of("name", provider.displayName(), "url", provider.loginPath()))
			.toList();
		model.addAttribute("providers", buttons);
		if (this.user.isAuthenticated()) {
			model.addAttribute("user", Map.of("name", this.user.name(), "email",
					(this.user.email() != null) ? this.user.email() : "(no email)", "provider", this.user.provider()));
			model.addAttribute("claims", new TreeMap<>(this.user.claims()));
			model.addAttribute("accessTokenExpiresAt", String.valueOf(this.user.tokens().accessTokenExpiresAt()));
			model.addAttribute("authorities", String.join(", ", new TreeSet<>(this.user.authorities())));
			model.addAttribute("admin", this.user.hasRole("admins"));
		}
		return "index";
	}

}
