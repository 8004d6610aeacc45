package dev.kappa.transfer;

import dev.kappa.transfer.ImportRepository.Staging;
import org.jooq.DSLContext;

/** Checks shared by uploads that refer to items by external_id, run over their staging tables. */
final class StagingChecks {
    private StagingChecks() {
    }

    static void unknownItems(DSLContext tx, Staging staging, long projectId, BadLines bad) {
        for (ImportRepository.UnknownItem u : ImportRepository.unknownItems(tx, staging, projectId, BadLines.LIMIT)) {
            bad.add(u.line(), "item", "no item has the external_id '" + u.item() + "'");
        }
    }

    static void repeats(DSLContext tx, Staging staging, String column, String what, BadLines bad) {
        for (ImportRepository.Repeat r : ImportRepository.repeats(tx, staging, column, BadLines.LIMIT)) {
            Long[] lines = r.lines();
            for (int i = 1; i < lines.length && !bad.full(); i++) {
                bad.add(lines[i], column, "repeats " + what + " '" + r.value() + "' of line " + lines[0]);
            }
        }
    }
}
