package dev.kappa.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jooq.EnumType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The one ObjectMapper that writes services' records: components in snake_case ({@code displayName} is
 * {@code display_name}; a component whose name does not translate, such as {@code costPer1k}, says its key with
 * {@code @JsonProperty}). It writes what Vert.x's {@code JsonObject.encode()} wrote before, on the same jackson-core
 * generator: doubles alike, a null component as {@code null} (mark one {@code @JsonInclude(NON_NULL)} where the key
 * used to be left out), an {@link Instant} as its ISO-8601 text, and a {@link JsonObject} or {@link JsonArray} held in
 * a record (an item's data) exactly as Vert.x encodes it. A closed set read from a column (a {@link EnumType}: tier,
 * role, status) is written as its database text, {@code "crowd"}, never as the Java constant's name.
 */
public final class RecordJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(new SimpleModule("kappa")
                    .addSerializer(EnumType.class, new StdSerializer<>(EnumType.class) {
                        @Override
                        public void serialize(EnumType v, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeString(v.getLiteral());
                        }
                    })
                    .addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                        @Override
                        public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeString(v.toString());
                        }
                    })
                    .addSerializer(JsonObject.class, new StdSerializer<>(JsonObject.class) {
                        @Override
                        public void serialize(JsonObject v, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeRawValue(v.encode());
                        }
                    })
                    .addSerializer(JsonArray.class, new StdSerializer<>(JsonArray.class) {
                        @Override
                        public void serialize(JsonArray v, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeRawValue(v.encode());
                        }
                    }))
            .build();

    private RecordJson() {
    }

    /**
     * For a component holding JSON text read from the database ({@code jsonb}): written as Vert.x decodes and
     * re-encodes it, as the JsonObject built from it used to be, so numbers and spacing stay as they were. The text is
     * parsed only here, when the response is written, never inside the transaction that read it.
     */
    public static final class VertxText extends StdSerializer<String> {
        public VertxText() {
            super(String.class);
        }

        @Override
        public void serialize(String v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeRawValue(io.vertx.core.json.Json.encode(io.vertx.core.json.Json.decodeValue(v)));
        }
    }

    public static String encode(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
