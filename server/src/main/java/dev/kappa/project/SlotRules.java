package dev.kappa.project;

import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.DSLContext;

/**
 * What a settings change must redo in the same transaction: overlaps, rates and the gold policy decide which slots
 * exist. Slots belong to assignment, which sits above projects, so projects own this interface and assignment's
 * {@code SlotSync::project} is handed in at wiring (no package cycle between project and assignment).
 */
@FunctionalInterface
public interface SlotRules {
    void apply(DSLContext tx, ProjectsRecord updated);
}
