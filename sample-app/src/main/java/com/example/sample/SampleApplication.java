package com.example.sample;

import com.example.sample.demo.DemoMode;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A sample application that signs users in with the providers configured under
 * {@code auth.providers}, or with an embedded demo provider.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * The application with its demo mode.
	 * @return the builder
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(SampleApplication.class).listeners(new DemoMode());
	}

}
