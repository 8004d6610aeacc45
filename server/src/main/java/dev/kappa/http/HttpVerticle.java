package dev.kappa.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.function.Supplier;

/**
 * One HTTP listener on its own event loop; Kappa deploys KAPPA_HTTP_INSTANCES of them on one port, and Vert.x hands
 * each new connection to one of them in turn. Each has its own router (a router belongs to the event loop that runs
 * it); the features behind the routes, the database pool, its worker threads and the gates are shared by all.
 */
public final class HttpVerticle extends VerticleBase {
    private final Supplier<Router> routes;
    private final String host;
    private final int port;
    private volatile Router router;
    private volatile HttpServer server;

    /** {@code port} 0 picks a free port that all instances share (Vert.x shares a random port under a negative one). */
    public HttpVerticle(Supplier<Router> routes, String host, int port) {
        this.routes = routes;
        this.host = host;
        this.port = port == 0 ? -1 : port;
    }

    @Override
    public Future<?> start() {
        router = routes.get();
        // No cleartext HTTP/2 upgrade: Vert.x buffers the whole body of an h2c upgrade request before the route
        // sees it, so a streamed import sent by an upgrading client (Java's HttpClient does by default) would be
        // held in the heap. HTTP/1.1 streams it with back-pressure; HTTP/2 remains possible behind TLS.
        return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(router)
                .invalidRequestHandler(ProblemHandler::invalidRequest)
                .listen(port, host)
                .onSuccess(s -> server = s);
    }

    public Router router() {
        return router;
    }

    public HttpServer server() {
        return server;
    }
}
