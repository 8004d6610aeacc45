package dev.kappa.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;

import java.util.List;

/**
 * The operations of openapi.yaml, to which the features bind their handlers by operationId; the router builder
 * puts each at its documented method and path, behind the request's validation against the operation.
 */
public final class Operations {
    private final RouterBuilder builder;
    private final RequestValidatorImpl validator;

    Operations(RouterBuilder builder, RequestValidatorImpl validator) {
        this.builder = builder;
        this.validator = validator;
    }

    /** Binds {@code handlers} (run in turn) to the operation; an operationId that openapi.yaml lacks fails at start. */
    public Operations handle(String operationId, Handler<RoutingContext> handler, Handler<RoutingContext>... more) {
        OpenAPIRoute route = builder.getRoute(operationId);
        if (route == null) {
            throw new IllegalStateException("no operation " + operationId + " in openapi.yaml");
        }
        if (!route.getHandlers().isEmpty()) {
            throw new IllegalStateException("operation " + operationId + " is bound twice");
        }
        // Kappa's own handlers authenticate (ApiRouter) and validate (RequestValidation, which defers the answer).
        route.setDoSecurity(false).setDoValidation(false);
        Operation op = route.getOperation();
        if (!op.getParameters().isEmpty() || op.getRequestBody() != null) {
            route.addHandler(RequestValidation.of(validator, op));
        }
        route.addHandler(handler);
        for (Handler<RoutingContext> h : more) {
            route.addHandler(h);
        }
        return this;
    }

    /** Operations no feature bound; the router builder would answer them 503, so the server refuses to start. */
    List<String> unbound() {
        return builder.getRoutes().stream().filter(r -> r.getHandlers().isEmpty())
                .map(r -> r.getOperation().getOperationId()).sorted().toList();
    }
}
