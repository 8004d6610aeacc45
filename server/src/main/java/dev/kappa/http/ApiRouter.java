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
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Assembles the router from openapi.yaml: cross-cutting handlers first (request id, log, security headers, NUL refusal,
 * body or paused stream, authentication), then each feature's handlers bound to their operationIds by Vert.x's router
 * builder, then the UI's files and the one error mapping.
 */
public final class ApiRouter {
    /** A feature's HTTP routes; it binds a handler to each of its operations, which parses input, calls one service method and writes JSON. */
    public interface Routes {
        void mount(Operations operations);
    }

    /** The ECharts WebJar's files (version from the pom; a version change must change this path too). */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1";

    private ApiRouter() {
    }

    public static Router create(Vertx vertx, AppConfig config, Handler<RoutingContext> authentication, List<Routes> features,
                                OpenAPIContract contract) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes());
        Pattern streamed = streamedUploads(contract);
        RouterBuilder builder = RouterBuilder.create(vertx, contract);
        Operations operations = new Operations(builder, new RequestValidatorImpl(vertx, SchemaValidators.prepare(contract)));
        for (Routes f : features) {
            f.mount(operations);
        }
        operations.handle("getOpenApiDocument", OpenApiRoute::serve);
        ApiDocs.bind(operations);
        // The console and its chart library are files, served by the routes below.
        operations.handle("getConsoleUi", RoutingContext::next);
        operations.handle("getChartLibrary", RoutingContext::next);
        List<String> unbound = operations.unbound();
        if (!unbound.isEmpty()) {
            throw new IllegalStateException("operations of openapi.yaml without a handler: " + unbound);
        }
        Router router = builder.createRouter();
        // Before every operation's route (the builder's routes come in document order from 0 on).
        int order = -100;
        router.route().order(order++).handler(RequestId::handle);
        router.route().order(order++).handler(LoggerHandler.create(LoggerFormat.SHORT));
        router.route().order(order++).handler(SecurityHeaders::apply);
        router.route().order(order++).handler(ctx -> {
            Input.rejectNulInQuery(ctx);
            ctx.next();
        });
        router.route("/api/*").order(order++).handler(ctx -> {
            if (ctx.request().method().name().equals("POST") && streamed.matcher(ctx.request().path()).matches()) {
                // Hold the bytes until the import route attaches its parser, possibly after an async auth lookup.
                ctx.request().pause();
                ctx.next();
            } else {
                body.handle(ctx);
            }
        });
        router.route("/api/*").order(order).handler(authentication);
        ApiDocs.files(router);
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

    /** The paths of {@link Contract#STREAMED}: their bodies are read as a stream, so no body handler reads them first. */
    private static Pattern streamedUploads(OpenAPIContract contract) {
        List<String> paths = Contract.STREAMED.stream().map(id -> contract.operation(id).getOpenAPIPath()
                .replaceAll("\\{[^/]+}", "[^/]+")).sorted().toList();
        return Pattern.compile("^(" + String.join("|", paths) + ")$");
    }
}
