package dev.kappa.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.kappa.http.RequestId;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One log line per event, on the format KAPPA_LOG_FORMAT names: {@code plain} (the default) for people,
 * {@code time LEVEL logger: message request_id=...}, or {@code json} for log shippers, one object a line with
 * {@code time, level, logger, thread, message, request_id, error}. The request id is that of the request whose code
 * logs (see {@link RequestId}); lines outside any request have none.
 */
public final class LineEncoder extends EncoderBase<ILoggingEvent> {
    private final boolean json = "json".equalsIgnoreCase(System.getenv("KAPPA_LOG_FORMAT"));

    @Override
    public byte[] encode(ILoggingEvent e) {
        String requestId = RequestId.current();
        IThrowableProxy thrown = e.getThrowableProxy();
        String error = thrown == null ? null : ThrowableProxyUtil.asString(thrown);
        String line;
        if (json) {
            JsonObject o = new JsonObject().put("time", Instant.ofEpochMilli(e.getTimeStamp()).toString())
                    .put("level", e.getLevel().toString()).put("logger", e.getLoggerName())
                    .put("thread", e.getThreadName()).put("message", e.getFormattedMessage());
            if (requestId != null) {
                o.put("request_id", requestId);
            }
            if (error != null) {
                o.put("error", error);
            }
            line = o.encode() + "\n";
        } else {
            StringBuilder b = new StringBuilder(160).append(Instant.ofEpochMilli(e.getTimeStamp())).append(' ')
                    .append(e.getLevel()).append(' ').append(shortName(e.getLoggerName())).append(": ")
                    .append(e.getFormattedMessage());
            if (requestId != null) {
                b.append(" request_id=").append(requestId);
            }
            b.append('\n');
            if (error != null) {
                b.append(error).append('\n');
            }
            line = b.toString();
        }
        return line.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    private static String shortName(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        return name == null ? "-" : dot < 0 ? name : name.substring(dot + 1);
    }
}
