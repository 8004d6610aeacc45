package dev.kappa.analysis;

import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** A stored label (an answer's, or an item's gold) read as the text {@link LabelSpace} classifies. */
final class LabelSql {
    private LabelSql() {
    }

    /** Single and rating labels come back as bare text ("pos", "3"); multi as the JSON array's text. */
    static Field<String> text(Field<JSONB> label, boolean multi) {
        return multi ? label.cast(SQLDataType.CLOB) : DSL.field("{0} #>> '{}'", SQLDataType.CLOB, label);
    }
}
