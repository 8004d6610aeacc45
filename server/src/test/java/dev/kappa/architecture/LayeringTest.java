package dev.kappa.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.vertx.ext.web.RoutingContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The floors of the server (STYLE.md): {@code XxxRoutes} (HTTP) over {@code XxxService} over {@code XxxRepository},
 * with the web platform in {@code dev.kappa.http} and the wiring in {@code dev.kappa} itself. Read from the compiled
 * main classes; the generated jOOQ classes ({@code dev.kappa.db}) are left out.
 */
class LayeringTest {
    private static final String WEB = "dev.kappa.http";
    private static JavaClasses server;

    /** A feature's routes, or a class nested in them; {@code ApiRouter.Routes}, the platform's interface, is not one. */
    private static final DescribedPredicate<JavaClass> ROUTES = DescribedPredicate.describe("are a feature's *Routes",
            c -> !c.getPackageName().startsWith(WEB) && c.getName().matches(".*Routes(\\$.*)?"));

    private static final DescribedPredicate<JavaClass> WEB_LAYER = DescribedPredicate.describe(
            "*Routes or the dev.kappa.http package", c -> ROUTES.test(c) || c.getPackageName().startsWith(WEB));

    @BeforeAll
    static void load() {
        server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .withImportOption(location -> !location.contains("/dev/kappa/db/"))
                .importPackages("dev.kappa");
        assertTrue(server.size() > 200, "the server's classes were found: " + server.size());
        assertTrue(server.contain("dev.kappa.project.ProjectRoutes") && server.contain("dev.kappa.http.Access"));
    }

    @Test
    @DisplayName("RoutingContext appears only in *Routes and dev.kappa.http: services take values")
    void routingContextStaysInTheWebLayer() {
        noClasses().that(DescribedPredicate.not(WEB_LAYER))
                .should().dependOnClassesThat().areAssignableTo(RoutingContext.class)
                .because("query parsing that routes share is a value (dev.kappa.http.Query) handed down")
                .check(server);
    }

    @Test
    @DisplayName("no package cycles among dev.kappa's packages")
    void noPackageCycles() {
        slices().matching("dev.kappa.(*)..").should().beFreeOfCycles().check(server);
    }

    @Test
    @DisplayName("services never depend on routes")
    void servicesDoNotDependOnRoutes() {
        noClasses().that().haveSimpleNameEndingWith("Service").should().dependOnClassesThat(ROUTES).check(server);
    }

    @Test
    @DisplayName("a feature never calls another feature's routes: only the wiring in dev.kappa knows them all")
    void routesAreReachedOnlyFromTheirOwnPackage() {
        classes().that().resideOutsideOfPackage("dev.kappa").should(onlyUseRoutesOfTheirOwnPackage()).check(server);
    }

    private static ArchCondition<JavaClass> onlyUseRoutesOfTheirOwnPackage() {
        return new ArchCondition<>("use only the routes of their own package") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    if (ROUTES.test(target) && !target.getPackageName().equals(c.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
