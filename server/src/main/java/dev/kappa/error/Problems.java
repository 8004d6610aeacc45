package dev.kappa.error;

import java.util.List;

/** Named constructors for the failures the domain raises, so call sites read as the rule they enforce. */
public final class Problems {
    private Problems() {
    }

    public static ApiException invalid(String field, String reason) {
        return new ApiException(422, "validation", "Invalid input", field + ": " + reason, field,
                List.of(new ApiException.Violation(field, reason)));
    }

    public static ApiException invalid(String detail, List<ApiException.Violation> violations) {
        String field = violations.isEmpty() ? null : violations.get(0).field();
        return new ApiException(422, "validation", "Invalid input", detail, field, violations);
    }

    public static ApiException badRequest(String field, String reason) {
        return new ApiException(400, "bad-request", "Bad request", field + ": " + reason, field,
                List.of(new ApiException.Violation(field, reason)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not-found", "Not found", what + " was not found", null, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", "Conflict", detail, null, null);
    }

    public static ApiException conflict(String field, String detail) {
        return new ApiException(409, "conflict", "Conflict", detail, field, null);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Authentication required", detail, null, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, null, null);
    }

    public static ApiException tooManyRequests(String detail) {
        return new ApiException(429, "too-many-requests", "Too many requests", detail, null, null);
    }

    public static ApiException tooManyRequests(String detail, int retryAfterSeconds) {
        return new ApiException(429, "too-many-requests", "Too many requests", detail, null, null, Math.max(1, retryAfterSeconds));
    }

    /** 503 with Retry-After: the request did nothing the client can rely on, and the same request may be sent again. */
    public static ApiException unavailable(String detail) {
        return new ApiException(503, "unavailable", "Service unavailable", detail, null, null, UNAVAILABLE_RETRY_SECONDS);
    }

    /** What a 503 tells clients to wait: long enough for a pool to reconnect, short enough for an annotator's outbox. */
    public static final int UNAVAILABLE_RETRY_SECONDS = 2;
}
