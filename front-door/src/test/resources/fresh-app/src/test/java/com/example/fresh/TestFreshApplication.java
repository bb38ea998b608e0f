package com.example.fresh;

import io.github.authstarter.test.dev.AuthDevServices;

import org.springframework.boot.SpringApplication;

public class TestFreshApplication {

	public static void main(String[] args) {
		SpringApplication.from(FreshApplication::main).with(AuthDevServices.class).run(args);
	}

}
