package dev.kappa.transfer;

import org.jooq.DSLContext;
import org.jooq.Record;

/** SQL checks shared by uploads that refer to items by external_id. Table names are constants of this package. */
final class StagingChecks {
    private StagingChecks() {
    }

    static void unknownItems(DSLContext tx, String staging, long projectId, BadLines bad) {
        for (Record r : tx.fetch("select s.line, s.item from " + staging + " s where not exists (select 1 from items i"
                + " where i.project_id = ? and i.external_id = s.item) order by s.line limit ?", projectId, BadLines.LIMIT)) {
            bad.add(r.get("line", Long.class), "item", "no item has the external_id '" + r.get("item") + "'");
        }
    }

    static void repeats(DSLContext tx, String staging, String column, String what, BadLines bad) {
        for (Record r : tx.fetch("select " + column + " as v, array_agg(line order by line) as lines from " + staging
                + " group by " + column + " having count(*) > 1 order by min(line) limit ?", BadLines.LIMIT)) {
            Long[] lines = r.get("lines", Long[].class);
            for (int i = 1; i < lines.length && !bad.full(); i++) {
                bad.add(lines[i], column, "repeats " + what + " '" + r.get("v") + "' of line " + lines[0]);
            }
        }
    }
}
