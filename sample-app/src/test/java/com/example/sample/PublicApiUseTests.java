package com.example.sample;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The sample uses the starter as any application would: through its public API only.
 */
class PublicApiUseTests {

	@Test
	void sampleImportsOnlyThePublicApi() {
		JavaClasses sample = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("com.example.sample");
		noClasses().should()
			.dependOnClassesThat(DescribedPredicate.describe("the starter's internals",
					(javaClass) -> javaClass.getPackageName().startsWith("io.github.authstarter")
							&& !isPublicApi(javaClass.getName())))
			.check(sample);
	}

	/** The table of docs/reference/public-api.md. */
	private static boolean isPublicApi(String name) {
		return name.equals("io.github.authstarter.user.CurrentUser")
				|| name.equals("io.github.authstarter.user.UserTokens")
				|| name.equals("io.github.authstarter.user.UserApis")
				|| name.equals("io.github.authstarter.user.DeviceSessions")
				|| name.equals("io.github.authstarter.user.DeviceSession")
				|| name.startsWith("io.github.authstarter.user.SignInProviders")
				|| name.equals("io.github.authstarter.web.AuthConfigurer")
				|| name.equals("io.github.authstarter.web.AuthErrorResponder")
				|| name.equals("io.github.authstarter.web.AuthError")
				|| name.equals("io.github.authstarter.user.TokenKind")
				|| name.equals("io.github.authstarter.user.NotAuthenticatedException")
				|| name.equals("io.github.authstarter.user.StepUpRequiredException")
				|| name.equals("io.github.authstarter.user.ConsentRequiredException")
				|| name.equals("io.github.authstarter.user.ApiDestinationRefusedException")
				|| name.equals("io.github.authstarter.user.StepUpUnsupportedException")
				|| name.equals("io.github.authstarter.access.AuthoritiesMapper")
				|| name.equals("io.github.authstarter.access.SignInPolicy")
				|| name.equals("io.github.authstarter.access.SignInDecision")
				|| name.equals("io.github.authstarter.access.ProviderClaims")
				|| name.equals("io.github.authstarter.access.AuthoritySource")
				|| name.equals("io.github.authstarter.flow.LoginClientKeyResolver")
				|| name.equals("io.github.authstarter.observation.AuthObservationConvention")
				|| name.equals("io.github.authstarter.observation.DefaultAuthObservationConvention")
				|| name.equals("io.github.authstarter.observation.AuthObservationContext")
				|| name.equals("io.github.authstarter.observation.AuthOperation")
				|| name.startsWith("io.github.authstarter.event.");
	}

}
