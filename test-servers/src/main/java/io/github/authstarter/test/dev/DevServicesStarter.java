package io.github.authstarter.test.dev;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Starts the services while the application's own configuration classes are read: before
 * the auto-configurations, whose conditions read {@code auth.providers.*}, are even
 * considered. A selector rather than a registrar, which Spring would run only after every
 * condition was decided. The services stop with the context.
 */
final class DevServicesStarter implements ImportSelector, EnvironmentAware, BeanFactoryAware {

	static final String BEAN_NAME = "authDevServicesRunning";

	static final String PROPERTY_SOURCE = "authDevServices";

	/** The development OpenID Provider, when one was started. */
	static final String PROVIDER_BEAN_NAME = "authDevOpenIdProvider";

	private ConfigurableEnvironment environment;

	private DefaultListableBeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (ConfigurableEnvironment) environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (DefaultListableBeanFactory) beanFactory;
	}

	@Override
	public String[] selectImports(AnnotationMetadata metadata) {
		if (this.environment.getPropertySources().contains(PROPERTY_SOURCE)) {
			return new String[0];
		}
		RunningDevServices running = RunningDevServices.start(this.environment);
		// first: the services replace what the application's own files say about them
		this.environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, running.properties()));
		this.beanFactory.registerSingleton(BEAN_NAME, running);
		this.beanFactory.registerDisposableBean(BEAN_NAME, running::close);
		if (running.provider() != null) {
			// for the application's own development beans and tests: its users, its
			// grants
			this.beanFactory.registerSingleton(PROVIDER_BEAN_NAME, running.provider());
		}
		return new String[0];
	}

}
