package dev.kappa.http;

import dev.kappa.AppConfig;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.LoggerFormat;
import io.vertx.ext.web.handler.LoggerHandler;
import io.vertx.ext.web.handler.StaticHandler;

import java.util.List;
import java.util.regex.Pattern;

/** Assembles the router: cross-cutting handlers first, then each feature's routes, then the UI and the error mapping. */
public final class ApiRouter {
    /** A feature's HTTP routes; it parses input, calls one service method and writes JSON. */
    public interface Routes {
        void mount(Router router);
    }

    /** Uploads that are read as a stream (imports of any size); they bypass the body size limit. */
    private static final Pattern STREAMED_UPLOADS =
            Pattern.compile("^/api/projects/[^/]+/(items|predictions|answers/import)$");

    /** The ECharts WebJar's files (version from the pom; a version change must change this path too). */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1";

    private ApiRouter() {
    }

    public static Router create(Vertx vertx, AppConfig config, Handler<RoutingContext> authentication, List<Routes> features) {
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes());
        router.route().handler(RequestId::handle);
        router.route().handler(LoggerHandler.create(LoggerFormat.SHORT));
        router.route().handler(SecurityHeaders::apply);
        router.route().handler(ctx -> {
            Input.rejectNulInQuery(ctx);
            ctx.next();
        });
        router.route("/api/*").handler(ctx -> {
            if (ctx.request().method().name().equals("POST") && STREAMED_UPLOADS.matcher(ctx.request().path()).matches()) {
                // Hold the bytes until the import route attaches its parser, possibly after an async auth lookup.
                ctx.request().pause();
                ctx.next();
            } else {
                body.handle(ctx);
            }
        });
        router.route("/api/*").handler(authentication);
        for (Routes f : features) {
            f.mount(router);
        }
        router.get("/openapi.yaml").handler(OpenApiRoute::serve);
        ApiDocs.mount(router);
        // The console's charts: Apache ECharts from its WebJar on the classpath (no CDN); only that library is exposed.
        router.get("/webjars/echarts/*").handler(new WebJarFiles("/webjars/echarts/", ECHARTS,
                java.util.Map.of("dist/echarts.esm.min.js", "text/javascript; charset=utf-8"))::handle);
        // max-age 0: browsers revalidate (304 when unchanged), so annotators never run yesterday's script after an upgrade.
        router.get("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html").setMaxAgeSeconds(0));
        router.route().failureHandler(ProblemHandler::handle);
        for (int status : new int[] {400, 404, 405, 413}) {
            router.errorHandler(status, ctx -> ProblemHandler.sendStatus(ctx, status));
        }
        return router;
    }
}
