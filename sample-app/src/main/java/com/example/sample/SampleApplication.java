package com.example.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A sample application that signs users in with the providers configured under
 * {@code auth.providers}. Its demo (an OpenID Provider and a Redis) lives in the test
 * sources: {@code TestSampleApplication}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
