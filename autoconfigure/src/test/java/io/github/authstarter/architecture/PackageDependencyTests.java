package io.github.authstarter.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The package rules of the starter's own code: the runtime never reaches into the wiring,
 * and the user-facing API speaks no servlet or endpoint types.
 */
class PackageDependencyTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.authstarter");

	@Test
	void packagesDependOnEachOtherInOneDirection() {
		SlicesRuleDefinition.slices()
			.matching("io.github.authstarter.(*)..")
			.should()
			.beFreeOfCycles()
			.because("each package can then be understood, and changed, from the ones below it")
			.check(classes);
	}

	@Test
	void theSessionStoreStandsOnItsOwn() {
		noClasses().that()
			.resideInAPackage("io.github.authstarter.session.redis..")
			.should()
			.dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.github.authstarter..")
				.and(DescribedPredicate
					.not(JavaClass.Predicates.resideInAPackage("io.github.authstarter.session.redis.."))))
			.because("the session store is reasoned about, tested and one day proposed to Spring Session as a unit")
			.check(classes);
	}

	@Test
	void runtimePackagesNeverImportTheWiring() {
		// the test servers on this class path are a test kit, not the starter
		noClasses().that()
			.resideOutsideOfPackages("io.github.authstarter.autoconfigure..", "io.github.authstarter.test..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.github.authstarter.autoconfigure..", "org.springframework.boot.autoconfigure..")
			.because("only auto-configurations wire beans")
			.check(classes);
	}

	/** The public API as docs/reference/public-api.md lists it. */
	static final Set<String> PUBLIC_API = Set.of("io.github.authstarter.user.CurrentUser",
			"io.github.authstarter.user.UserTokens", "io.github.authstarter.user.UserApis",
			"io.github.authstarter.user.DeviceSessions", "io.github.authstarter.user.DeviceSession",
			"io.github.authstarter.user.SignInProviders", "io.github.authstarter.user.SignInProviders$SignInProvider",
			"io.github.authstarter.user.TokenKind", "io.github.authstarter.user.NotAuthenticatedException",
			"io.github.authstarter.user.StepUpRequiredException",
			"io.github.authstarter.user.StepUpUnsupportedException",
			"io.github.authstarter.user.ConsentRequiredException",
			"io.github.authstarter.user.ApiDestinationRefusedException", "io.github.authstarter.web.AuthConfigurer",
			"io.github.authstarter.web.AuthErrorResponder", "io.github.authstarter.web.AuthError",
			"io.github.authstarter.access.AuthoritiesMapper", "io.github.authstarter.access.SignInPolicy",
			"io.github.authstarter.access.SignInDecision", "io.github.authstarter.access.ProviderClaims",
			"io.github.authstarter.access.AuthoritySource", "io.github.authstarter.flow.LoginClientKeyResolver",
			"io.github.authstarter.observation.AuthObservationConvention",
			"io.github.authstarter.observation.DefaultAuthObservationConvention",
			"io.github.authstarter.observation.AuthObservationContext",
			"io.github.authstarter.observation.AuthOperation", "io.github.authstarter.tenant.ProviderSource",
			"io.github.authstarter.tenant.ProviderStore", "io.github.authstarter.tenant.StoredProvider",
			"io.github.authstarter.tenant.StoredProvider$Summary", "io.github.authstarter.tenant.ProviderChanges",
			"io.github.authstarter.tenant.InvalidProviderException", "io.github.authstarter.tenant.TenantResolver");

	@Test
	void publicApiMethodsExposeOnlyPublicApiTypes() {
		// constructors are the auto-configuration's business, not the application's
		methods().that()
			.arePublic()
			.and()
			.areDeclaredInClassesThat(DescribedPredicate.describe("the public API",
					(JavaClass type) -> PUBLIC_API.contains(type.getName())
							|| type.getPackageName().equals("io.github.authstarter.event")))
			.should(new ArchCondition<>("take and return only public API types of the starter") {
				@Override
				public void check(JavaMethod method, ConditionEvents events) {
					List<JavaClass> types = new ArrayList<>(method.getRawParameterTypes());
					types.add(method.getRawReturnType());
					for (JavaClass type : types) {
						String name = type.getName();
						boolean starter = name.startsWith("io.github.authstarter.");
						boolean allowed = PUBLIC_API.contains(name)
								|| type.getPackageName().equals("io.github.authstarter.event");
						if (starter && !allowed) {
							events.add(SimpleConditionEvent.violated(method,
									method.getFullName() + " exposes the internal type " + name));
						}
					}
				}
			})
			.check(classes);
	}

	@Test
	void userApiImportsNoEndpointClass() {
		noClasses().that()
			.resideInAPackage("io.github.authstarter.user..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.authstarter.web..")
			.check(classes);
	}

	@Test
	void userApiMethodsTakeAndReturnNoServletTypes() {
		methods().that()
			.arePublic()
			.and()
			.areDeclaredInClassesThat()
			.resideInAPackage("io.github.authstarter.user..")
			.and()
			.areDeclaredInClassesThat()
			.arePublic()
			.should(new ArchCondition<>("take and return no servlet types") {
				@Override
				public void check(JavaMethod method, ConditionEvents events) {
					boolean servlet = method.getRawReturnType().getPackageName().startsWith("jakarta.servlet")
							|| method.getRawParameterTypes()
								.stream()
								.map(JavaClass::getPackageName)
								.anyMatch((name) -> name.startsWith("jakarta.servlet"));
					if (servlet) {
						events
							.add(SimpleConditionEvent.violated(method, method.getFullName() + " uses a servlet type"));
					}
				}
			})
			.check(classes);
	}

}
