package dev.kappa.error;

import java.util.List;

/**
 * A failure the client can act on. The one failure handler turns it into application/problem+json with
 * {@code type}, {@code title}, {@code status}, {@code detail} and, for bad input, the {@code field}.
 */
public class ApiException extends RuntimeException {
    /** One bad field or line: used for multi-error answers such as an import's bad lines. */
    public record Violation(String field, String reason, Long line) {
        public Violation(String field, String reason) {
            this(field, reason, null);
        }
    }

    private final int status;
    private final String slug;
    private final String title;
    private final String field;
    private final List<Violation> violations;
    private final Integer retryAfterSeconds;
    /** Extra members of the problem document (RFC 9457 extensions), e.g. an import's error cap; insertion order. */
    private final java.util.Map<String, Object> extensions = new java.util.LinkedHashMap<>();

    public ApiException(int status, String slug, String title, String detail, String field, List<Violation> violations) {
        this(status, slug, title, detail, field, violations, null);
    }

    /** With a {@code Retry-After} header: for 429 and 503, when the client should come back. */
    public ApiException(int status, String slug, String title, String detail, String field, List<Violation> violations,
                        Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.field = field;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds for the Retry-After header, or null for none. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Adds an extension member (a string, number or boolean) to the problem document; returns this. */
    public ApiException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public java.util.Map<String, Object> extensions() {
        return java.util.Collections.unmodifiableMap(extensions);
    }
}
