package io.github.authstarter.web;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.util.Assert;

/**
 * The beans {@link AuthConfigurer} applies, looked up in the application context as
 * Spring Security's own configurers look up theirs: the application's own where it
 * declared one, else the auto-configuration's.
 */
final class ConfigurerBeans {

	private final ApplicationContext context;

	ConfigurerBeans(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		Assert.state(context != null,
				"AuthConfigurer needs the application context: apply it to the HttpSecurity that Spring Security provides");
		this.context = context;
	}

	ApplicationContext context() {
		return this.context;
	}

	<T> T required(Class<T> type) {
		return this.context.getBean(type);
	}

	<T> @Nullable T optional(Class<T> type) {
		return this.context.getBeanProvider(type).getIfAvailable();
	}

	<T> T optional(Class<T> type, Supplier<T> otherwise) {
		return this.context.getBeanProvider(type).getIfAvailable(otherwise);
	}

	/**
	 * A bean of a generic type, such as {@code OAuth2UserService<OidcUserRequest,
	 * OidcUser>}.
	 */
	<T> T required(Class<?> type, Class<?>... generics) {
		ObjectProvider<T> provider = this.context.getBeanProvider(ResolvableType.forClassWithGenerics(type, generics));
		return provider.getObject();
	}

}
