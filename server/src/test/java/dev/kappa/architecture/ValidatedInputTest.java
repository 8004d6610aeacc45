package dev.kappa.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.vertx.ext.web.RoutingContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * A request's validation failure is kept until its route reads input (dev.kappa.http.RequestValidation), and thrown
 * by the readers: Input.body, Input.path, Input.pathId, Query.from. A route that read the RoutingContext's parameters
 * or body itself would act on input the contract refused, so only the web platform may.
 */
class ValidatedInputTest {
    @Test
    @DisplayName("features read request input only through the readers that report the contract's verdict")
    void featuresReadInputThroughTheReaders() {
        JavaClasses server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.kappa");
        noClasses().that().resideOutsideOfPackage("dev.kappa.http")
                .should().callMethod(RoutingContext.class, "queryParams")
                .orShould().callMethod(RoutingContext.class, "queryParam", String.class)
                .orShould().callMethod(RoutingContext.class, "pathParam", String.class)
                .orShould().callMethod(RoutingContext.class, "pathParams")
                .orShould().callMethod(RoutingContext.class, "body")
                .because("Input and Query throw the request's validation failure before handing out a value")
                .check(server);
    }
}
