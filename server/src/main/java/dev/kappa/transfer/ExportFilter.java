package dev.kappa.transfer;

import dev.kappa.consensus.ConsensusMethod;
import dev.kappa.error.Problems;
import dev.kappa.http.Query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What an export includes. {@code tier}, {@code from} (inclusive) and {@code to} (exclusive) select answers;
 * {@code has_consensus=true} keeps only items with at least one selected answer, the ones a consensus can be computed
 * from (false: only items with none); whether that consensus is resolved shows in the {@code consensus} columns.
 * {@code consensus} names a method whose result is added to every item (see {@link ExportConsensus}); absent, none is.
 */
record ExportFilter(String format, String tier, OffsetDateTime from, OffsetDateTime to, Boolean hasConsensus,
                    ConsensusMethod consensus) {
    /** The contract has checked every parameter's form and enum (format, tier, has_consensus, consensus, from, to). */
    static ExportFilter of(Query query) {
        String format = param(query, "format");
        String has = param(query, "has_consensus");
        return new ExportFilter(format == null ? "jsonl" : format, param(query, "tier"), time(query, "from"), time(query, "to"),
                has == null ? null : Boolean.valueOf(has), ExportConsensus.method(param(query, "consensus")));
    }

    /** The SQL condition on answers {@code a} that these filters select, with its bind values appended to binds. */
    String answerCondition(List<Object> binds) {
        List<String> c = new ArrayList<>();
        c.add("a.project_id = i.project_id and a.item_id = i.id");
        if (tier != null) {
            c.add("a.tier = ?");
            binds.add(tier);
        }
        if (from != null) {
            c.add("a.created_at >= ?::timestamptz");
            binds.add(from);
        }
        if (to != null) {
            c.add("a.created_at < ?::timestamptz");
            binds.add(to);
        }
        return String.join(" and ", c);
    }

    /** The condition on items {@code i}, beyond their project. */
    String itemCondition(List<Object> binds) {
        if (hasConsensus == null) {
            return "true";
        }
        String exists = "exists (select 1 from answers a where " + answerCondition(binds) + ")";
        return hasConsensus ? exists : "not " + exists;
    }

    private static String param(Query query, String name) {
        return query.value(name);
    }

    /** The same reading as UploadFields.parseTime (a date is its midnight UTC), with PostgreSQL's range. */
    private static OffsetDateTime time(Query query, String name) {
        String v = param(query, name);
        if (v == null) {
            return null;
        }
        try {
            return UploadFields.parseTime(v, name);
        } catch (BadField e) {
            throw Problems.badRequest(name, e.getMessage());
        }
    }
}
