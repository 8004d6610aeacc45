package dev.kappa.http;

import dev.kappa.error.ApiException;
import dev.kappa.error.Problems;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a request against its operation in openapi.yaml (vertx-openapi's request validator) before the
 * feature's handler runs. A failure is kept, not sent: the handler's readers ({@link Input#body}, {@link Query#from},
 * {@link Input#pathId}) throw it when the handler first reads its input, which it does after its role check, so a
 * caller who may not use an operation still gets 403 or 404, never a hint about the input it would need.
 *
 * <p>Failures as problem+json, naming the field as the hand checks did: a query parameter by its name (400), a body
 * property by its path such as {@code overlap.crowd} (422); a body that is missing, not JSON or not an object is a
 * 400 naming {@code body}; a malformed path id is simply not found (404).
 */
final class RequestValidation {
    private static final String FAILURE = "kappa.validation.failure";
    /** vertx-openapi names the parameter only in its message ("... query parameter limit ..."). */
    private static final Pattern PARAMETER = Pattern.compile("(?:query|path|header|cookie) parameter ([^ ]+?)\\.?(?: |$)");
    private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");
    private static final Pattern ADDITIONAL = Pattern.compile("Property \"([^\"]+)\" does not match additional properties schema");

    private RequestValidation() {
    }

    /** The handler that validates requests for {@code operation}; it always continues to the feature's handler. */
    static Handler<RoutingContext> of(RequestValidatorImpl validator, Operation operation) {
        String single = operation.getRequestBody() != null && operation.getRequestBody().getContent().size() == 1
                ? operation.getRequestBody().getContent().keySet().iterator().next() : null;
        return ctx -> {
            try {
                validate(validator, operation, extract(ctx, operation, single));
            } catch (ApiException e) {
                ctx.put(FAILURE, e);
            } catch (ValidatorException e) {
                ctx.put(FAILURE, problem(e, ctx, operation));
            }
            ctx.next();
        };
    }

    /**
     * What {@code RequestValidator.validate} does, on the event loop: that method hands each request to
     * {@code executeBlocking} with its default ordered=true, which queues every validation of a verticle behind the
     * one before on a worker thread (STYLE.md's trap), for work of microseconds that never blocks.
     */
    private static void validate(RequestValidatorImpl validator, Operation operation, ValidatableRequestImpl request) {
        for (Parameter p : operation.getParameters()) {
            RequestParameter value = switch (p.getIn()) {
                case PATH -> request.getPathParameters().get(p.getName());
                case QUERY -> request.getQuery().get(p.getName());
                case HEADER -> request.getHeaders().get(p.getName());
                case COOKIE -> request.getCookies().get(p.getName());
            };
            validator.validateParameter(p, value);
        }
        validator.validateBody(operation.getRequestBody(), request);
    }

    /** Throws the validation failure kept for this request, if any; every reader of request input calls it first. */
    static void check(RoutingContext ctx) {
        ApiException failure = ctx.get(FAILURE);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Query values as the routes have always read them: the first of repeats, trimmed, and blank taken as absent.
     * A body whose operation accepts one media type is read as that type, whatever the Content-Type says (as before).
     */
    private static ValidatableRequestImpl extract(RoutingContext ctx, Operation operation, String singleMediaType) {
        Map<String, RequestParameter> path = new HashMap<>();
        Map<String, RequestParameter> query = new HashMap<>();
        Map<String, RequestParameter> headers = new HashMap<>();
        for (Parameter p : operation.getParameters()) {
            if (p.getIn() == Location.PATH) {
                path.put(p.getName(), new RequestParameterImpl(ctx.pathParam(p.getName())));
            } else if (p.getIn() == Location.QUERY) {
                String v = ctx.queryParams().get(p.getName());
                query.put(p.getName(), new RequestParameterImpl(v == null || v.isBlank() ? null : raw(p, v.trim())));
            } else if (p.getIn() == Location.HEADER) {
                headers.put(p.getName(), new RequestParameterImpl(ctx.request().getHeader(p.getName())));
            }
        }
        if (operation.getRequestBody() == null) {
            return new ValidatableRequestImpl(Map.of(), headers, path, query);
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body == null || body.toString().isBlank()) {
            throw Problems.badRequest("body", "a JSON object is required");
        }
        String type = singleMediaType != null ? singleMediaType : ctx.request().getHeader("Content-Type");
        return new ValidatableRequestImpl(Map.of(), headers, path, query, new RequestParameterImpl(body), type);
    }

    /**
     * vertx-openapi 5.0.7 decodes every primitive parameter as JSON first, even a string-typed one: {@code model=a"b}
     * could not be decoded (400, a model name with a quote refused) and {@code model=123} became the number 123. A
     * string parameter is handed over as the JSON string it is; the routes read the value itself, not this copy.
     */
    private static String raw(Parameter p, String value) {
        return p.getSchemaType() == SchemaType.STRING ? Json.encode(value) : value;
    }

    static ApiException problem(ValidatorException e, RoutingContext ctx, Operation operation) {
        Matcher parameter = PARAMETER.matcher(String.valueOf(e.getMessage()));
        if (parameter.find()) {
            String name = parameter.group(1);
            if (e.getMessage().contains("path parameter")) {
                return new ApiException(404, "not-found", "Not found", "No resource at " + ctx.request().path(), null, null);
            }
            if (e.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER) {
                return Problems.badRequest(name, "is required");
            }
            return Problems.badRequest(name, e instanceof SchemaValidationException s ? reason(s.getOutputUnit()) : "is not valid");
        }
        if (!(e instanceof SchemaValidationException s)) {
            // Missing body, not JSON, or a media type the operation does not take.
            return Problems.badRequest("body", e.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER
                    ? "a JSON object is required" : "is not valid JSON");
        }
        OutputUnit error = mostRelevant(s.getOutputUnit());
        String field = field(error);
        if (field == null) {
            // The body as a whole: not an object is a bad request, as before; any other rule on the whole is input.
            return "type".equals(keyword(error)) ? Problems.badRequest("body", "must be a JSON object")
                    : Problems.invalid("body", error.getError());
        }
        return Problems.invalid(field, reason(error, operation));
    }

    /**
     * A range says its bounds as the hand checks said them ("must be between 10 and 86400"), which the console shows
     * beside the field; vertx-json-schema's own text ("5 is less than 10") names one side only. The keyword location
     * is a pointer into the operation's (dereferenced) body schema, so the bounds are read next to the failed one.
     */
    private static String reason(OutputUnit error, Operation operation) {
        String keyword = keyword(error);
        if (!keyword.equals("minimum") && !keyword.equals("maximum") || operation.getRequestBody() == null) {
            return error.getError();
        }
        Object node = operation.getRequestBody().getContent().values().iterator().next().getSchema();
        String pointer = error.getKeywordLocation().replaceFirst("^#?/?", "");
        String[] parts = pointer.split("/");
        for (int i = 0; i < parts.length - 1 && node != null; i++) {
            node = child(node, parts[i].replace("~1", "/").replace("~0", "~"));
        }
        Object min = child(node, "minimum");
        Object max = child(node, "maximum");
        if (min instanceof Number lo && max instanceof Number hi) {
            return "must be between " + plain(lo) + " and " + plain(hi);
        }
        return min instanceof Number lo ? "must be at least " + plain(lo)
                : max instanceof Number hi ? "must be at most " + plain(hi) : error.getError();
    }

    private static Object child(Object node, String key) {
        if (node instanceof io.vertx.json.schema.JsonSchema schema) {
            return schema.containsKey(key) ? schema.get(key) : null;
        }
        if (node instanceof io.vertx.core.json.JsonObject o) {
            return o.getValue(key);
        }
        if (node instanceof io.vertx.core.json.JsonArray a && key.chars().allMatch(Character::isDigit)) {
            int i = Integer.parseInt(key);
            return i < a.size() ? a.getValue(i) : null;
        }
        return null;
    }

    private static String plain(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /**
     * The first failing value, in the schema's order (so the first field a reader of the document would fix):
     * vertx-json-schema lists a property's summary ("does not match schema") before the errors inside it, so the
     * first error with nothing at or below its location after it.
     */
    private static OutputUnit mostRelevant(OutputUnit unit) {
        List<OutputUnit> errors = unit.getErrors();
        if (errors == null || errors.isEmpty()) {
            return unit;
        }
        for (int i = 0; i < errors.size() - 1; i++) {
            String here = location(errors.get(i));
            String next = location(errors.get(i + 1));
            if (!(next.equals(here) || next.startsWith(here.endsWith("/") ? here : here + "/"))) {
                return errors.get(i);
            }
        }
        return errors.get(errors.size() - 1);
    }

    private static String keyword(OutputUnit error) {
        String k = error.getKeywordLocation() == null ? "" : error.getKeywordLocation();
        return k.substring(k.lastIndexOf('/') + 1);
    }

    private static String location(OutputUnit error) {
        String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation();
        return pointer.startsWith("#") ? pointer.substring(1) : pointer;
    }

    private static String reason(OutputUnit unit) {
        return mostRelevant(unit).getError();
    }

    /**
     * The JSON pointer of the failing value as a field path ({@code /overlap/crowd} is {@code overlap.crowd},
     * {@code /labels/0/key} is {@code labels[0].key}); a missing or unknown property is named itself. Null for the
     * body as a whole.
     */
    static String field(OutputUnit error) {
        String pointer = location(error);
        StringBuilder field = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String p = part.replace("~1", "/").replace("~0", "~");
            if (p.chars().allMatch(Character::isDigit)) {
                field.append('[').append(p).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(p);
            }
        }
        String message = String.valueOf(error.getError());
        for (Pattern named : new Pattern[] {REQUIRED, ADDITIONAL}) {
            Matcher m = named.matcher(message);
            if (m.find() && !field.toString().endsWith(m.group(1))) {
                field.append(field.length() == 0 ? "" : ".").append(m.group(1));
            }
        }
        return field.length() == 0 ? null : field.toString();
    }
}
