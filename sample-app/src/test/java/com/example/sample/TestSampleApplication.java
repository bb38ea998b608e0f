package com.example.sample;

import com.example.sample.demo.DemoConfiguration;
import io.github.authstarter.test.dev.AuthDevServices;

import org.springframework.boot.SpringApplication;

/**
 * The sample with its demo servers, as in development:
 * {@code ./mvnw -pl sample-app -am spring-boot:test-run}, then open http://localhost:8080
 * and sign in as alice / password.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		demo().run(args);
	}

	/**
	 * The sample, with the {@code demo} profile, the development OpenID Provider and
	 * Redis ({@link AuthDevServices}) and the demo's APIs.
	 * @return the application to run
	 */
	public static SpringApplication.Augmented demo() {
		return SpringApplication.from(SampleApplication::main)
			.with(AuthDevServices.class, DemoConfiguration.class)
			.withAdditionalProfiles("demo");
	}

}
