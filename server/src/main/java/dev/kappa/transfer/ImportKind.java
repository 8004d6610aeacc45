package dev.kappa.transfer;

import dev.kappa.transfer.ImportRepository.Staging;
import org.jooq.DSLContext;

import java.util.List;

/**
 * One kind of bulk upload (items, predictions, past answers). Records are validated in Java, copied into a temporary
 * staging table, checked against the database in SQL (unknown items, repeats), then written by one set-based
 * statement, all in one transaction: a bad line anywhere means nothing is written.
 */
interface ImportKind<R> {
    /** Columns a CSV header must have; reported once, at line 1, if missing. */
    List<String> requiredColumns();

    /** Columns a CSV header may have; null means any (an item's extra columns go into its data). */
    List<String> knownColumns();

    /** The staging table its records are copied into, in the order {@link #row} returns values. */
    Staging staging();

    /** One record's staging values (String, Number or null; JSON already encoded), or a {@link BadField}. */
    Object[] row(UploadFields fields, long line);

    /** Checks that need the database (items that do not exist, repeats in the file); adds bad lines. */
    void check(DSLContext tx, BadLines bad);

    /** Writes the staged rows and answers the counts. */
    R apply(DSLContext tx, long received);
}
