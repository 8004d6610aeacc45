package dev.kappa.transfer;

/** One field of one uploaded record is wrong; cheap to throw (no stack), as an upload may have many. */
final class BadField extends RuntimeException {
    private final String field;

    BadField(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
