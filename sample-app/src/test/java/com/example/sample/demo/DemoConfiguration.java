package com.example.sample.demo;

import java.io.IOException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The demo's two APIs, beside the sample: each accepts only tokens for its own audience
 * ({@link DemoApis}), signed by the provider {@code demo} that {@code AuthDevServices}
 * serves. Test sources only: the sample's jar carries neither.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DemoConfiguration {

	private static final Log logger = LogFactory.getLog(DemoConfiguration.class);

	@Bean(destroyMethod = "stop")
	DemoApis demoApis(Environment environment) throws IOException {
		String issuer = environment.getRequiredProperty("auth.providers.demo.issuer-uri");
		DemoApis apis = new DemoApis(environment.getProperty("demo.apis-port", Integer.class, 9001),
				issuer + "/oauth2/jwks");
		logger.info("Demo: APIs 'orders' and 'reports' at http://127.0.0.1:" + apis.port()
				+ ", each accepting only a token for its own audience");
		return apis;
	}

}
