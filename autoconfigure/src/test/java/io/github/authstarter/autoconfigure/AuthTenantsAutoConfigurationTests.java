package io.github.authstarter.autoconfigure;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.tenant.HostTenantResolver;
import io.github.authstarter.tenant.JdbcProviderStore;
import io.github.authstarter.tenant.PathTenantResolver;
import io.github.authstarter.tenant.ProviderChanges;
import io.github.authstarter.tenant.ProviderSource;
import io.github.authstarter.tenant.ProviderStore;
import io.github.authstarter.tenant.StoredProvider;
import io.github.authstarter.tenant.TenantBoundary;
import io.github.authstarter.tenant.TenantPathFilter;
import io.github.authstarter.tenant.TenantResolver;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthTenantsAutoConfiguration}.
 */
class AuthTenantsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AuthProvidersAutoConfiguration.class,
				AuthTenantsAutoConfiguration.class, OAuth2ClientAutoConfiguration.class));

	@Test
	void withoutAStoreNothingIsStored() {
		this.contextRunner
			.withPropertyValues("auth.providers.corp.client-id=c",
					"auth.providers.corp.issuer-uri=https://corp.example.com")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(StoredProviders.class);
			});
	}

	@Test
	void applicationsOwnSourceSwitchesTheStarterOnWithoutProperties() {
		this.contextRunner.withBean(ProviderSource.class, OneProvider::new).run((context) -> {
			assertThat(context).hasSingleBean(StoredProviders.class);
			ProviderRegistrations registrations = context.getBean(ProviderRegistrations.class);
			assertThat(registrations.definition("acme")).isNotNull();
			assertThat(registrations.definition("other")).isNull();
			assertThat(registrations.definitions()).isEmpty();
		});
	}

	@Test
	void changesBackOffForTheApplicationsOwn() {
		ProviderChanges own = (id) -> {
		};
		this.contextRunner.withBean(ProviderSource.class, OneProvider::new)
			.withBean(ProviderChanges.class, () -> own)
			.run((context) -> assertThat(context).getBean(ProviderChanges.class).isSameAs(own));
	}

	@Test
	void noStoreTypeMeansNoStore() {
		this.contextRunner.withPropertyValues("auth.provider-store.type=none")
			.run((context) -> assertThat(context).doesNotHaveBean(ProviderRegistrations.class));
	}

	@Test
	void jdbcStoreUsesTheApplicationsDataSource() {
		this.contextRunner.withPropertyValues("auth.provider-store.type=jdbc")
			.withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:none:never-connected"))
			.run((context) -> {
				assertThat(context).getBean(ProviderStore.class).isInstanceOf(JdbcProviderStore.class);
				assertThat(context).hasSingleBean(StoredProviders.class);
			});
	}

	@Test
	void jdbcStoreWithoutADataSourceFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("auth.provider-store.type=jdbc")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("auth.provider-store.type")
				.hasMessageContaining("DataSource"));
	}

	@Test
	void hostResolutionWithoutADomainFailsNamingTheProperty() {
		this.contextRunner.withBean(ProviderSource.class, OneProvider::new)
			.withPropertyValues("auth.tenants.resolution=host")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("auth.tenants.domain"));
	}

	@Test
	void hostResolutionKeepsTenantsApart() {
		this.contextRunner.withBean(ProviderSource.class, OneProvider::new)
			.withPropertyValues("auth.tenants.resolution=host", "auth.tenants.domain=example.com")
			.run((context) -> {
				assertThat(context).getBean(TenantResolver.class).isInstanceOf(HostTenantResolver.class);
				assertThat(context).hasSingleBean(TenantBoundary.class);
			});
	}

	@Test
	void pathResolutionServesEachTenantBelowItsPath() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AuthProvidersAutoConfiguration.class,
					AuthTenantsAutoConfiguration.class, OAuth2ClientAutoConfiguration.class))
			.withBean(ProviderSource.class, OneProvider::new)
			.withPropertyValues("auth.tenants.resolution=path", "auth.tenants.path-prefix=/orgs")
			.run((context) -> {
				assertThat(context).getBean(TenantResolver.class).isInstanceOf(PathTenantResolver.class);
				assertThat(context).hasSingleBean(TenantBoundary.class);
				FilterRegistrationBean<?> filter = context.getBean(FilterRegistrationBean.class);
				assertThat(filter.getFilter()).isInstanceOf(TenantPathFilter.class);
				assertThat(filter.isEnabled()).isTrue();
				// before Spring Session's filter, which scopes its cookie to the context
				// path
				assertThat(filter.getOrder()).isLessThan(Ordered.HIGHEST_PRECEDENCE + 50);
			});
	}

	@Test
	void pathResolutionWithTheApplicationsOwnResolverLeavesThePathAlone() {
		TenantResolver own = (request) -> request.getHeader("X-Org");
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AuthProvidersAutoConfiguration.class,
					AuthTenantsAutoConfiguration.class, OAuth2ClientAutoConfiguration.class))
			.withBean(ProviderSource.class, OneProvider::new)
			.withBean(TenantResolver.class, () -> own)
			.withPropertyValues("auth.tenants.resolution=path")
			.run((context) -> {
				assertThat(context).getBean(TenantResolver.class).isSameAs(own);
				assertThat(context.getBean(FilterRegistrationBean.class).isEnabled()).isFalse();
			});
	}

	@Test
	void pathResolutionWithAnOddPrefixFailsNamingTheProperty() {
		for (String prefix : new String[] { "/", "orgs/../x", "/Orgs", "/a//b", "/auth", "/login" }) {
			this.contextRunner.withBean(ProviderSource.class, OneProvider::new)
				.withPropertyValues("auth.tenants.resolution=path", "auth.tenants.path-prefix=" + prefix)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("auth.tenants.path-prefix"));
		}
	}

	@Test
	void applicationsOwnResolverWins() {
		TenantResolver own = (request) -> "acme";
		this.contextRunner.withBean(ProviderSource.class, OneProvider::new)
			.withBean(TenantResolver.class, () -> own)
			.withPropertyValues("auth.tenants.resolution=header")
			.run((context) -> {
				assertThat(context).getBean(TenantResolver.class).isSameAs(own);
				assertThat(context).hasSingleBean(TenantBoundary.class);
			});
	}

	@Test
	void withoutResolutionThereIsNoBoundary() {
		this.contextRunner.withBean(ProviderSource.class, OneProvider::new)
			.run((context) -> assertThat(context).doesNotHaveBean(TenantBoundary.class));
	}

	static final class OneProvider implements ProviderSource {

		private final StoredProvider acme = new StoredProvider("acme", null, true,
				Map.of("issuer-uri", "https://acme.example", "client-id", "c"), 1);

		@Override
		public @Nullable StoredProvider find(String id) {
			return "acme".equals(id) ? this.acme : null;
		}

		@Override
		public List<StoredProvider.Summary> summaries() {
			return List.of(this.acme.summary());
		}

	}

}
