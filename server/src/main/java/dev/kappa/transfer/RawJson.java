package dev.kappa.transfer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;

/**
 * A nested object or array of an uploaded JSON line, kept as its UTF-8 bytes: item data goes to PostgreSQL as the
 * text it arrived as (jsonb normalises it), so the import never builds and re-encodes a tree per item. The parser
 * has already checked that the bytes are well-formed JSON.
 */
record RawJson(byte[] utf8, boolean object) {
    /** The value as a Vert.x JsonObject or JsonArray, for the few small values that need inspecting (labels, probs). */
    Object decode() {
        return Json.decodeValue(Buffer.buffer(utf8));
    }

    /** PostgreSQL's jsonb cannot hold NUL; JSON text can only spell it as the escape backslash-u0000. */
    boolean hasNulEscape() {
        byte[] b = utf8;
        for (int i = 0; i + 5 < b.length; i++) {
            if (b[i] == '\\' && b[i + 1] == 'u' && b[i + 2] == '0' && b[i + 3] == '0' && b[i + 4] == '0' && b[i + 5] == '0') {
                int backslashes = 0;
                for (int j = i; j >= 0 && b[j] == '\\'; j--) {
                    backslashes++;
                }
                if (backslashes % 2 == 1) {
                    return true;
                }
            }
        }
        return false;
    }
}
