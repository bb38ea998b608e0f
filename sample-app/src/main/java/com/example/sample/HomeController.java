package com.example.sample;

import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in home page.
 */
@RestController
class HomeController {

	@GetMapping("/")
	String home(Principal principal) {
		return "Signed in as " + principal.getName();
	}

}
