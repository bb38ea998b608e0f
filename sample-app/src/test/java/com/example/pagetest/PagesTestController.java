package com.example.pagetest;

import io.github.authstarter.user.CurrentUser;
import io.github.authstarter.user.PageTestExceptions;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pages of a test application that lead to the starter's own pages: an API token the user
 * has not granted (the consent page) and a step-up the provider cannot prove. Outside the
 * sample's package, so only the tests that name it run it.
 */
@RestController
public class PagesTestController {

	private final CurrentUser currentUser;

	PagesTestController(CurrentUser currentUser) {
		this.currentUser = currentUser;
	}

	@GetMapping("/pages/admin-token")
	String adminToken() {
		return this.currentUser.apis().tokens("admin").accessToken();
	}

	@GetMapping("/pages/step-up")
	String stepUp() {
		throw PageTestExceptions.stepUpUnsupported(this.currentUser.provider());
	}

}
