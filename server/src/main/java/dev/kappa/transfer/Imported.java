package dev.kappa.transfer;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** What an upload answers: the counts of what it wrote. */
final class Imported {
    private Imported() {
    }

    /** Items: records received, items created, changed, and left as they were. */
    record Items(long items, long created, long updated, long unchanged) {
    }

    /** Predictions: the model run they were stored under and how many were written. */
    record Predictions(long runId, String model, String version, int predictions) {
    }

    /** Past answers: stored, new external workers, and whether they took slots. */
    record Answers(int answers, int workersCreated, boolean slotsFilled) {
    }

    /** Past answers with whose export they were read from and how many of its records were skipped. */
    record AnswersFrom(@JsonUnwrapped Answers counts, String source, long skipped) {
    }
}
