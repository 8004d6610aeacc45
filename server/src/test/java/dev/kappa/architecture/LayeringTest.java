package dev.kappa.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaCall;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    /** The jOOQ and JDBC entry points that take SQL text; {@code DSL.name(String)} and the like take identifiers. */
    private static final Set<String> SQL_TEXT_OWNERS = Set.of("org.jooq.DSLContext", "org.jooq.impl.DSL",
            "java.sql.Connection", "java.sql.Statement", "org.postgresql.copy.CopyManager");
    private static final Set<String> SQL_TEXT_METHODS = Set.of("fetch", "fetchOne", "fetchSingle", "fetchOptional",
            "fetchValue", "fetchLazy", "fetchStream", "fetchMany", "fetchExists", "fetchCount", "execute", "query",
            "resultQuery", "batch", "field", "condition", "table", "sql", "prepareStatement", "prepareCall",
            "executeQuery", "executeUpdate", "addBatch", "copyIn", "copyOut");

    @Test
    @DisplayName("SQL text is handed to jOOQ or JDBC only from *Repository and *Sql classes")
    void sqlTextLivesInRepositories() {
        classes().that().resideOutsideOfPackage("dev.kappa.db..")
                .and().haveNameNotMatching(".*(Repository|Sql)(\\$.*)?")
                .should(notPassSqlText())
                .because("services say what they need; the statements, bound, live in one place per feature")
                .check(server);
    }

    /** A string literal or text block that opens a statement: what a constant handed to a repository would hold. */
    private static final Pattern SQL_LITERAL = Pattern.compile(
            "\"(\"\"\\s*)?\\s*(select\\s|insert\\s+into|update\\s+\\w+\\s+set|delete\\s+from|with\\s+\\w+\\s+as|lock\\s+table|copy\\s+\\w+)",
            Pattern.CASE_INSENSITIVE);

    @Test
    @DisplayName("SQL text is written only in *Repository and *Sql sources (a constant passed along is SQL too)")
    void sqlLiteralsLiveInRepositories() throws IOException {
        Path main = Path.of("src/main/java/dev/kappa");
        assertTrue(Files.isDirectory(main), "run from the server module: " + main.toAbsolutePath());
        List<String> found;
        try (Stream<Path> files = Files.walk(main)) {
            found = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().matches(".*(Repository|Sql)\\.java"))
                    .filter(f -> SQL_LITERAL.matcher(read(f)).find())
                    .map(f -> main.relativize(f).toString()).sorted().toList();
        }
        assertTrue(found.isEmpty(), "SQL text outside repositories: " + found);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ArchCondition<JavaClass> notPassSqlText() {
        return new ArchCondition<>("not call a jOOQ or JDBC method with SQL text") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaCall<?> call : c.getMethodCallsFromSelf()) {
                    var target = call.getTarget();
                    boolean takesText = target.getRawParameterTypes().stream()
                            .anyMatch(t -> t.isEquivalentTo(String.class) || t.getName().equals("org.jooq.SQL"));
                    if (takesText && SQL_TEXT_METHODS.contains(target.getName())
                            && SQL_TEXT_OWNERS.contains(target.getOwner().getName())) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                }
            }
        };
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
