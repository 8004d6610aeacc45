package dev.kappa.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The hand-written JSON text of the streams before issue 16, kept so that the tests pin the generator-written lines
 * against it.
 * Appends JSON tokens to a StringBuilder, for streams of many small objects (a consensus line per item) where building
 * a JsonObject per line would cost more than computing the line. Non-finite numbers become null, never NaN.
 */
public final class JsonText {
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private JsonText() {
    }

    public static StringBuilder string(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("null");
        }
        sb.append('"');
        ENCODER.quoteAsString(s, sb);
        return sb.append('"');
    }

    public static StringBuilder number(StringBuilder sb, double v) {
        return Double.isFinite(v) ? sb.append(v) : sb.append("null");
    }

    /** {@code "name":} */
    public static StringBuilder name(StringBuilder sb, String name) {
        return string(sb, name).append(':');
    }
}
