package dev.kappa.http;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kappa.error.ApiException;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem+json body: {@code instance} (the path), {@code field} and {@code errors} only when there are
 * some; an exception's extension members (such as the bad-line counts of an upload) follow, in the order given.
 */
record ProblemBody(String type, String title, int status, String detail,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String instance,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String field,
                   @JsonInclude(JsonInclude.Include.NON_NULL) List<Error> errors,
                   @JsonIgnore Map<String, Object> extensions) {
    /** One bad field of many; {@code line} is the upload's line number, when there is one. */
    record Error(String field, String reason, @JsonInclude(JsonInclude.Include.NON_NULL) Long line) {
    }

    static List<Error> errors(ApiException e) {
        return e.violations().isEmpty() ? null
                : e.violations().stream().map(v -> new Error(v.field(), v.reason(), v.line())).toList();
    }

    @JsonAnyGetter
    Map<String, Object> members() {
        return extensions;
    }
}
