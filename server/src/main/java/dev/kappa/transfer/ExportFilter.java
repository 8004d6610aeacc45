package dev.kappa.transfer;

import dev.kappa.analysis.AnalysisQuery;
import dev.kappa.analysis.AnswerFilter;
import dev.kappa.auth.Tier;
import dev.kappa.consensus.ConsensusMethod;
import dev.kappa.error.Problems;
import dev.kappa.http.Query;

import java.time.OffsetDateTime;

/**
 * What an export includes. {@code tier}, {@code from} (inclusive) and {@code to} (exclusive) select answers;
 * {@code has_consensus=true} keeps only items with at least one selected answer, the ones a consensus can be computed
 * from (false: only items with none); whether that consensus is resolved shows in the {@code consensus} columns.
 * {@code consensus} names a method whose result is added to every item (see {@link ExportConsensus}); absent, none is.
 */
record ExportFilter(String format, Tier tier, OffsetDateTime from, OffsetDateTime to, Boolean hasConsensus,
                    ConsensusMethod consensus) {
    /** The contract has checked every parameter's form and enum (format, tier, has_consensus, consensus, from, to). */
    static ExportFilter of(Query query) {
        String format = param(query, "format");
        String has = param(query, "has_consensus");
        return new ExportFilter(format == null ? "jsonl" : format, AnalysisQuery.tier(query), time(query, "from"), time(query, "to"),
                has == null ? null : Boolean.valueOf(has), ExportConsensus.method(param(query, "consensus")));
    }

    /** The answers these filters select, as analyses filter them (tier and time; every annotator). */
    AnswerFilter answers() {
        return new AnswerFilter(tier, null, from, to, null);
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
