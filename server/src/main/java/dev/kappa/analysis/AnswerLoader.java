package dev.kappa.analysis;

import dev.kappa.auth.Tier;
import dev.kappa.db.tables.Answers;
import io.vertx.core.json.JsonArray;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import static dev.kappa.db.Tables.ANSWERS;
import static dev.kappa.db.Tables.INSTALLATION;

/**
 * Streams a project's answers from PostgreSQL into an {@link AnswerSet}. The query runs through a server-side
 * cursor ({@code fetchSize}, inside the caller's transaction) and each row goes straight into growing primitive
 * arrays: a million answers cost about 17 bytes each, never an object per answer.
 */
public final class AnswerLoader {
    /** Rows per round trip; large enough that latency does not dominate, small enough to bound the driver's buffer. */
    static final int FETCH_SIZE = 10_000;

    /** About 20 bytes per answer: at most ~80 MB of answer sets are remembered. */
    private static final Memo<Key, AnswerSet> RECENT = new Memo<>(4_000_000, AnswerSet::size);

    private record Key(java.util.UUID installation, long projectId, String kind, List<String> labels, Tier tier,
                       java.time.OffsetDateTime from, java.time.OffsetDateTime to) {
    }

    private AnswerLoader() {
    }

    /**
     * The project's answers that pass the filter. Sets filtered by tier and time only are remembered (with durations,
     * so that callers with and without them share one read) and used again while the project's answers are provably
     * unchanged: answers are never updated and their ids never reused, so (count, max id, sum of ids), read in the
     * caller's own transaction, changes with every insert and delete. The installation's uuid tells databases apart
     * (tests run several servers in one JVM).
     */
    public static AnswerSet load(DSLContext tx, long projectId, LabelSpace space, AnswerFilter filter, boolean durations) {
        if (filter.annotators() != null || filter.workers() != null) {
            return read(tx, projectId, space, filter, durations);
        }
        // One index-only pass over the project's answer ids.
        Record4<java.util.UUID, Integer, Long, BigDecimal> v = tx.select(
                        DSL.field(DSL.select(INSTALLATION.UUID).from(INSTALLATION)), DSL.count(),
                        DSL.coalesce(DSL.max(ANSWERS.ID), 0L), DSL.coalesce(DSL.sum(ANSWERS.ID), BigDecimal.ZERO))
                .from(ANSWERS).where(ANSWERS.PROJECT_ID.eq(projectId)).fetchOne();
        Key key = new Key(v.value1(), projectId, space.kind(), space.keys(), filter.tier(), filter.from(), filter.to());
        return RECENT.get(key, List.of(v.value2(), v.value3(), v.value4()),
                () -> read(tx, projectId, space, filter, true));
    }

    private static AnswerSet read(DSLContext tx, long projectId, LabelSpace space, AnswerFilter filter, boolean durations) {
        Field<String> label = LabelSql.text(ANSWERS.LABEL, space.multi());
        Field<Integer> duration = DSL.coalesce(ANSWERS.DURATION_MS, ANSWERS.SERVER_MS, DSL.inline(-1));
        Builder b = new Builder(space, durations);
        try (Cursor<?> cursor = tx.select(ANSWERS.ITEM_ID, ANSWERS.ANNOTATOR_ID, ANSWERS.TIER.eq(Tier.EXPERT), label, duration)
                .from(ANSWERS).where(conditions(projectId, filter)).fetchSize(FETCH_SIZE).fetchLazy()) {
            ResultSet rs = cursor.resultSet();
            while (rs.next()) {
                b.add(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getString(4), rs.getInt(5));
            }
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("reading answers of project " + projectId, e);
        }
        return b.build();
    }

    static Condition conditions(long projectId, AnswerFilter f) {
        return ANSWERS.PROJECT_ID.eq(projectId).and(selects(ANSWERS, f));
    }

    /**
     * What the filter keeps of answers {@code a} (the table or an alias of it), the project aside: tier, time and
     * annotators. The label filter is not a condition; it recodes the answers it keeps. Exports share this.
     */
    public static Condition selects(Answers a, AnswerFilter f) {
        Condition c = DSL.noCondition();
        if (f.tier() != null) {
            c = c.and(a.TIER.eq(f.tier()));
        }
        if (f.from() != null) {
            c = c.and(a.CREATED_AT.ge(f.from()));
        }
        if (f.to() != null) {
            c = c.and(a.CREATED_AT.lt(f.to()));
        }
        if (f.annotators() != null || f.workers() != null) {
            // By internal id, or by the external worker id the annotator is known by in other tools (issue 14).
            Condition who = f.annotators() == null ? DSL.falseCondition()
                    : a.ANNOTATOR_ID.eq(DSL.any(Arrays.stream(f.annotators()).boxed().toArray(Long[]::new)));
            if (f.workers() != null) {
                who = who.or(a.ANNOTATOR_ID.in(DSL.select(dev.kappa.db.Tables.USERS.ID).from(dev.kappa.db.Tables.USERS)
                        .where(dev.kappa.db.Tables.USERS.EXTERNAL_ID.eq(DSL.any(f.workers())))));
            }
            c = c.and(who);
        }
        return c;
    }

    /** Growing primitive arrays; labels that no longer fit the schema are counted and left out. */
    private static final class Builder {
        private final LabelSpace space;
        private final int words;
        private final IdIndex items = new IdIndex();
        private final IdIndex users = new IdIndex();
        private int[] item = new int[1024];
        private int[] user = new int[1024];
        private boolean[] expert = new boolean[1024];
        private int[] label;
        private long[] bits;
        private int[] duration;
        private int n;
        private int ignored;

        Builder(LabelSpace space, boolean durations) {
            this.space = space;
            this.words = space.words();
            this.label = space.multi() ? null : new int[1024];
            this.bits = space.multi() ? new long[1024 * words] : null;
            this.duration = durations ? new int[1024] : null;
        }

        void add(long itemId, long userId, boolean isExpert, String text, int durationMs) {
            if (n == item.length) {
                grow();
            }
            if (space.multi()) {
                if (!setBits(text)) {
                    ignored++;
                    return;
                }
            } else {
                int c = space.classOf(text);
                if (c < 0) {
                    ignored++;
                    return;
                }
                label[n] = c;
            }
            item[n] = items.add(itemId);
            user[n] = users.add(userId);
            expert[n] = isExpert;
            if (duration != null) {
                duration[n] = durationMs;
            }
            n++;
        }

        private boolean setBits(String json) {
            int base = n * words;
            Arrays.fill(bits, base, base + words, 0L);
            for (Object key : new JsonArray(json)) {
                int c = key instanceof String s ? space.classOf(s) : -1;
                if (c < 0) {
                    return false;
                }
                bits[base + (c >>> 6)] |= 1L << (c & 63);
            }
            return true;
        }

        private void grow() {
            int cap = item.length * 2;
            item = Arrays.copyOf(item, cap);
            user = Arrays.copyOf(user, cap);
            expert = Arrays.copyOf(expert, cap);
            if (label != null) {
                label = Arrays.copyOf(label, cap);
            }
            if (bits != null) {
                bits = Arrays.copyOf(bits, cap * words);
            }
            if (duration != null) {
                duration = Arrays.copyOf(duration, cap);
            }
        }

        AnswerSet build() {
            return new AnswerSet(space, items, users, n, item, user, expert, label, bits, duration, ignored);
        }
    }
}
