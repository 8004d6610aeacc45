package dev.kappa.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the hand-written OpenAPI document; a test checks that it names every route the router knows. */
final class OpenApiRoute {
    private static final Buffer DOCUMENT = load();

    private OpenApiRoute() {
    }

    static void serve(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(DOCUMENT);
    }

    private static Buffer load() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the classpath");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
