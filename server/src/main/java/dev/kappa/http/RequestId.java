package dev.kappa.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.spi.context.storage.ContextLocal;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Every request gets an id, returned in X-Request-Id and written on every log line the request causes. A proxy's id
 * is kept when it looks like one (1 to 64 letters, digits and {@code . _ : -}); anything else is replaced, so a
 * client can never put spaces, quotes or line breaks into the log. The id lives in the request's Vert.x context, which
 * Vert.x carries to the worker thread of each blocking call and back, so log lines from any of them carry it.
 */
public final class RequestId {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    /** Registered before the first Vert.x instance exists (Kappa.start touches this class first): see {@link #init()}. */
    private static final ContextLocal<String> LOCAL = ContextLocal.registerLocal(String.class);

    private RequestId() {
    }

    /** Loads the class, and so registers the context local, before Vert.x sizes its contexts' local storage. */
    public static void init() {
    }

    static void handle(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : generate();
        set(ctx.vertx().getOrCreateContext(), id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    /** Gives the code running on {@code context} (a request's) the id {@code id}. */
    static void set(Context context, String id) {
        LOCAL.put(context, id);
    }

    /** The id of the request being handled on this thread, or null outside any request. */
    public static String current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return null;
        }
        try {
            return LOCAL.get(context);
        } catch (RuntimeException e) {
            return null; // a Vert.x instance made before the local was registered (only ever in tests)
        }
    }

    private static String generate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016x", r.nextLong());
    }
}
