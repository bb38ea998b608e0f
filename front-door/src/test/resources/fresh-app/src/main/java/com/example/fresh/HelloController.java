package com.example.fresh;

import io.github.authstarter.user.CurrentUser;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HelloController {

	private final CurrentUser user;

	HelloController(CurrentUser user) {
		this.user = user;
	}

	@GetMapping("/hello")
	String hello() {
		return "Hello, " + this.user.name();
	}

}
