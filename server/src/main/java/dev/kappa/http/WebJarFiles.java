package dev.kappa.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A few files of a WebJar, read from the classpath once and served from memory. Vert.x's StaticHandler re-extracts a
 * classpath resource from the (100 MB, shaded) jar on every request when file caching is off, which took 5 to 40 s for
 * the 1 MB chart library on a loaded machine; these files never change while the server runs. Only the listed files are
 * served (the mount itself is its index.html, when listed); anything else is 404.
 */
final class WebJarFiles {
    private record File(Buffer bytes, String etag, String type) {
    }

    private final String mount;
    private final String root;
    private final Map<String, String> allowed;
    private final Map<String, File> loaded = new ConcurrentHashMap<>();

    /** {@code mount}: the URL prefix, ending with a slash; {@code allowed}: path under it -> content type. */
    WebJarFiles(String mount, String root, Map<String, String> allowed) {
        this.mount = mount;
        this.root = root;
        this.allowed = Map.copyOf(allowed);
    }

    void handle(RoutingContext ctx) {
        String full = ctx.normalizedPath();
        String path = !full.startsWith(mount) ? null : full.length() == mount.length() ? "index.html" : full.substring(mount.length());
        String type = path == null ? null : allowed.get(path);
        if (type == null) {
            ctx.next();
            return;
        }
        File f = loaded.computeIfAbsent(path, p -> read(p, type));
        if (f.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).putHeader("ETag", f.etag()).end();
            return;
        }
        ctx.response().putHeader("Content-Type", f.type()).putHeader("ETag", f.etag())
                .putHeader("Cache-Control", "public, max-age=86400").end(f.bytes());
    }

    private File read(String path, String type) {
        try (InputStream in = WebJarFiles.class.getClassLoader().getResourceAsStream(root + "/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + root + "/" + path);
            }
            byte[] bytes = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
            return new File(Buffer.buffer(bytes), etag, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
