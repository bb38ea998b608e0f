package io.github.authstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.authstarter.tenant.HeaderTenantResolver;
import io.github.authstarter.tenant.HostTenantResolver;
import io.github.authstarter.tenant.PathTenantResolver;
import io.github.authstarter.tenant.TenantPathFilter;
import io.github.authstarter.tenant.TenantResolver;
import io.github.authstarter.web.AuthPaths;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The {@link TenantResolver} of {@code auth.tenants.resolution}, unless the application
 * has its own; with {@code path}, the filter that serves each tenant below its path.
 */
@Configuration(proxyBeanMethods = false)
class AuthTenantResolverConfiguration {

	/**
	 * After Boot's forwarded-header filter, which may set the context path from
	 * X-Forwarded-Prefix, and before Spring Session's.
	 */
	static final int TENANT_PATH_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	private static final Pattern PATH_PREFIX = Pattern.compile("(/[a-z0-9][a-z0-9._-]*)+");

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "auth.tenants.resolution", havingValue = "host")
	TenantResolver authHostTenantResolver(AuthProperties properties) {
		String domain = properties.getTenants().getDomain();
		if (domain == null || domain.isBlank() || !domain.contains(".")) {
			throw new InvalidConfigurationPropertyValueException("auth.tenants.domain", domain,
					"resolution host needs the domain below which each tenant has its host, such as example.com");
		}
		return new HostTenantResolver(domain);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "auth.tenants.resolution", havingValue = "path")
	TenantResolver authPathTenantResolver(AuthProperties properties) {
		String prefix = properties.getTenants().getPathPrefix().strip();
		if (!PATH_PREFIX.matcher(prefix).matches()) {
			throw new InvalidConfigurationPropertyValueException("auth.tenants.path-prefix", prefix,
					"resolution path needs a path of plain lowercase segments before each tenant, such as /t");
		}
		AuthPaths paths = AuthPathsMapper.paths(properties);
		AuthLogoutProperties logout = properties.getLogout();
		List<String> taken = new ArrayList<>(List.of(paths.login(), paths.callback(), paths.user(), paths.refresh(),
				paths.providers(), paths.sessions(), logout.getPath(), logout.getSuccessPath(), logout.getReturnPath(),
				logout.getFrontChannelPath(), logout.getBackChannelPath()));
		AuthWebProperties web = properties.getWeb();
		Stream.of(web.getLoginPage(), web.getPages().getErrorPage(), web.getPages().getSignOutPage())
			.filter(Objects::nonNull)
			.forEach(taken::add);
		for (String path : taken) {
			if ((path + "/").startsWith(prefix + "/")) {
				// /auth/login would be the sign-in page of a tenant named login
				throw new InvalidConfigurationPropertyValueException("auth.tenants.path-prefix", prefix,
						"it is the start of " + path
								+ ", which the starter serves or forwards to: choose another, such as /t");
			}
		}
		return new PathTenantResolver(prefix);
	}

	/**
	 * Before the session and security filters: what they write from the context path
	 * stays below the tenant's path.
	 */
	@Bean
	@ConditionalOnProperty(name = "auth.tenants.resolution", havingValue = "path")
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	FilterRegistrationBean<TenantPathFilter> authTenantPathFilter(ObjectProvider<TenantResolver> resolvers) {
		TenantResolver resolver = resolvers.getIfUnique();
		FilterRegistrationBean<TenantPathFilter> registration = new FilterRegistrationBean<>(new TenantPathFilter(
				(resolver instanceof PathTenantResolver path) ? path : new PathTenantResolver("/")));
		// the application's own resolver reads the path its own way
		registration.setEnabled(resolver instanceof PathTenantResolver);
		registration.setOrder(TENANT_PATH_FILTER_ORDER);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "auth.tenants.resolution", havingValue = "header")
	TenantResolver authHeaderTenantResolver(AuthProperties properties) {
		String header = properties.getTenants().getHeader();
		if (header.isBlank()) {
			throw new InvalidConfigurationPropertyValueException("auth.tenants.header", header,
					"resolution header needs the header's name");
		}
		return new HeaderTenantResolver(header.strip());
	}

}
