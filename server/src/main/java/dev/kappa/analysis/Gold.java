package dev.kappa.analysis;

import io.vertx.core.json.JsonArray;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import static dev.kappa.db.Tables.ITEMS;

/**
 * Gold labels of the items an {@link AnswerSet} covers, as class indices per item index (-1: no gold, or a gold
 * label the schema no longer has). Used only to check annotators, never as an input to consensus.
 */
public final class Gold {
    private final LabelSpace space;
    private final int[] label;
    private final long[] bits;
    private final int count;

    private Gold(LabelSpace space, int[] label, long[] bits, int count) {
        this.space = space;
        this.label = label;
        this.bits = bits;
        this.count = count;
    }

    public static Gold load(DSLContext tx, long projectId, AnswerSet answers) {
        LabelSpace space = answers.space();
        int words = space.words();
        int[] label = new int[answers.nItems()];
        Arrays.fill(label, -1);
        long[] bits = space.multi() ? new long[answers.nItems() * words] : null;
        int count = 0;
        Field<String> text = LabelSql.text(ITEMS.GOLD, space.multi());
        try (Cursor<?> cursor = tx.select(ITEMS.ID, text).from(ITEMS)
                .where(ITEMS.PROJECT_ID.eq(projectId), ITEMS.GOLD.isNotNull())
                .fetchSize(AnswerLoader.FETCH_SIZE).fetchLazy()) {
            ResultSet rs = cursor.resultSet();
            while (rs.next()) {
                int i = answers.itemIndex(rs.getLong(1));
                if (i < 0) {
                    continue;
                }
                if (space.multi()) {
                    if (setBits(space, bits, i * words, rs.getString(2))) {
                        label[i] = 0;
                        count++;
                    }
                } else {
                    label[i] = space.classOf(rs.getString(2));
                    count += label[i] >= 0 ? 1 : 0;
                }
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("reading gold of project " + projectId, e);
        }
        return new Gold(space, label, bits, count);
    }

    private static boolean setBits(LabelSpace space, long[] bits, int base, String json) {
        for (Object key : new JsonArray(json)) {
            int c = key instanceof String s ? space.classOf(s) : -1;
            if (c < 0) {
                Arrays.fill(bits, base, base + space.words(), 0L);
                return false;
            }
            bits[base + (c >>> 6)] |= 1L << (c & 63);
        }
        return true;
    }

    /** Answered items that have gold. */
    public int count() {
        return count;
    }

    /** Gold class per item index, -1 where none ({@code single} and {@code rating}). */
    public int[] classes() {
        if (bits != null) {
            throw new IllegalStateException("multi gold is judged one label at a time");
        }
        return label.clone();
    }

    /** Per item index: 1 if gold carries class {@code c}, 0 if not, -1 without gold (any kind). */
    public int[] present(int c) {
        int[] out = new int[label.length];
        int words = space.words();
        for (int i = 0; i < out.length; i++) {
            if (label[i] < 0) {
                out[i] = -1;
            } else if (bits == null) {
                out[i] = label[i] == c ? 1 : 0;
            } else {
                out[i] = (bits[i * words + (c >>> 6)] & (1L << (c & 63))) != 0 ? 1 : 0;
            }
        }
        return out;
    }

    /** Whether item {@code i} has gold. */
    public boolean has(int i) {
        return label[i] >= 0;
    }
}
