package dev.kappa.http;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract as the request validator sees it, with one schema validator per parameter and request body, made
 * once at start-up. vertx-openapi 5.0.7 asks the contract's SchemaRepository for a new validator for every parameter
 * and body of every request, and each new one copies the repository's map of every schema in openapi.yaml: under the
 * assignment benchmark that copying took 35% of the server's CPU (JFR, BENCHMARKS.md, issue 18). A validator keeps
 * nothing between calls (each validation starts from the instance and the read-only map), so the same one serves
 * every request on every event loop; the map is filled before the server starts and only read afterwards.
 */
final class SchemaValidators {
    private SchemaValidators() {
    }

    /** {@code contract} with validators prepared for each operation's parameters and request bodies. */
    static OpenAPIContract prepare(OpenAPIContract contract) {
        SchemaRepository repository = contract.getSchemaRepository();
        Map<JsonSchema, Validator> prepared = new IdentityHashMap<>();
        for (Operation op : contract.operations()) {
            for (Parameter p : op.getParameters()) {
                prepared.put(p.getSchema(), repository.validator(p.getSchema()));
            }
            if (op.getRequestBody() != null) {
                for (MediaType m : op.getRequestBody().getContent().values()) {
                    if (m.getSchema() != null) {
                        prepared.put(m.getSchema(), repository.validator(m.getSchema()));
                    }
                }
            }
        }
        return new Contract(contract, new Schemas(repository, prepared));
    }

    /** Answers {@link #validator(JsonSchema)} from the prepared ones; everything else is the repository's. */
    private record Schemas(SchemaRepository repository, Map<JsonSchema, Validator> prepared) implements SchemaRepository {
        @Override
        public Validator validator(JsonSchema schema) {
            Validator v = prepared.get(schema);
            return v != null ? v : repository.validator(schema);
        }

        @Override
        public SchemaRepository dereference(JsonSchema schema) {
            return repository.dereference(schema);
        }

        @Override
        public SchemaRepository dereference(String uri, JsonSchema schema) {
            return repository.dereference(uri, schema);
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs) {
            return repository.preloadMetaSchema(fs);
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
            return repository.preloadMetaSchema(fs, draft);
        }

        @Override
        public Validator validator(String ref) {
            return repository.validator(ref);
        }

        @Override
        public Validator validator(String ref, JsonSchemaOptions options) {
            return repository.validator(ref, options);
        }

        @Override
        public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
            return repository.validator(schema, options, dereference);
        }

        @Override
        public JsonObject resolve(JsonObject schema) {
            return repository.resolve(schema);
        }

        @Override
        public JsonSchema find(String pointer) {
            return repository.find(pointer);
        }
    }

    /** The contract itself, but for its schema repository. */
    private record Contract(OpenAPIContract contract, SchemaRepository schemas) implements OpenAPIContract {
        @Override
        public SchemaRepository getSchemaRepository() {
            return schemas;
        }

        @Override
        public Operation operation(String operationId) {
            return contract.operation(operationId);
        }

        @Override
        public List<Operation> operations() {
            return contract.operations();
        }

        @Override
        public List<Path> getPaths() {
            return contract.getPaths();
        }

        @Override
        public JsonObject getRawContract() {
            return contract.getRawContract();
        }

        @Override
        public OpenAPIVersion getVersion() {
            return contract.getVersion();
        }

        @Override
        public List<Server> getServers() {
            return contract.getServers();
        }

        @Override
        public Path findPath(String urlPath) {
            return contract.findPath(urlPath);
        }

        @Override
        public Operation findOperation(String urlPath, HttpMethod method) {
            return contract.findOperation(urlPath, method);
        }

        @Override
        public List<SecurityRequirement> getSecurityRequirements() {
            return contract.getSecurityRequirements();
        }

        @Override
        public SecurityScheme securityScheme(String name) {
            return contract.securityScheme(name);
        }
    }
}
