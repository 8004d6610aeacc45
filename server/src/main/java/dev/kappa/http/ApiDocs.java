package dev.kappa.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * The page to try the API, /docs: Swagger UI from its WebJar (no CDN), started by Kappa's own page and initialiser
 * (in resources/docs/), which name /openapi.yaml. The WebJar's own initialiser points at the petstore and is not served;
 * no inline script, so the page runs under the same Content-Security-Policy as the rest.
 */
final class ApiDocs {
    /** The Swagger UI WebJar's files (version from the pom; a version change must change this path too). */
    static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1";

    private ApiDocs() {
    }

    /** GET /docs redirects to /docs/, the page (its files are {@link #files}). */
    static void bind(Operations operations) {
        // Vert.x matches /docs/ to "/docs" as well; only the bare /docs redirects, so the page has one address.
        operations.handle("getApiDocsRedirect", ctx -> {
            if (ctx.normalizedPath().equals("/docs")) {
                ctx.redirect("/docs/");
            } else {
                ctx.next();
            }
        });
        operations.handle("getApiDocs", RoutingContext::next);
    }

    static void files(Router router) {
        WebJarFiles own = new WebJarFiles("/docs/", "docs", Map.of(
                "index.html", "text/html; charset=utf-8",
                "swagger-initializer.js", "text/javascript; charset=utf-8"));
        WebJarFiles ui = new WebJarFiles("/docs/", SWAGGER_UI, Map.of(
                "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
                "swagger-ui.css", "text/css; charset=utf-8",
                "index.css", "text/css; charset=utf-8",
                "favicon-32x32.png", "image/png"));
        router.get("/docs/*").handler(own::handle).handler(ui::handle);
    }
}
