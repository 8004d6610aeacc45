package dev.kappa.activity;

import dev.kappa.auth.Principal;
import dev.kappa.auth.Tier;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.error.Problems;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Throughput and burndown of a project over its life (or a range). The range defaults to the first item, answer or
 * the project's creation up to the last answer (or now); hours when that is at most {@link #AUTO_HOURS} buckets, days
 * beyond, unless the caller names the bucket.
 */
public final class ThroughputService {
    static final int AUTO_HOURS = 24 * 60;
    static final int MAX_BUCKETS = 24 * 400;

    private final Db db;

    public ThroughputService(Db db) {
        this.db = db;
    }

    /** {@code bucket}, {@code from}, {@code to}: null for the defaults. */
    public Future<Throughput> throughput(Principal caller, long projectId, String bucket, Instant from, Instant to) {
        return db.tx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManager(tx, caller, projectId);
            ActivityRepository.Span span = ActivityRepository.span(tx, projectId);
            Instant start = from != null ? from : span.first();
            Instant end = to != null ? to : (span.last() != null ? span.last() : Instant.now()).plusSeconds(1);
            if (!start.isBefore(end)) {
                throw Problems.badRequest(to != null ? "to" : "from", "the range is empty: from must be before to");
            }
            String b = bucket != null ? bucket : Duration.between(start, end).toHours() <= AUTO_HOURS ? "hour" : "day";
            ChronoUnit unit = b.equals("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
            Instant first = start.truncatedTo(unit);
            long n = unit.between(first, end.minusNanos(1).truncatedTo(unit)) + 1;
            if (n > MAX_BUCKETS) {
                throw Problems.badRequest("to", "the range holds " + n + " " + b + "s; at most " + MAX_BUCKETS
                        + " buckets (ask for bucket=day or a shorter range)");
            }
            List<Instant> starts = new ArrayList<>((int) n);
            for (int i = 0; i < n; i++) {
                starts.add(first.plus(i, unit));
            }
            Instant rangeEnd = first.plus(n, unit);
            Map<Tier, Map<Instant, Long>> answers = ActivityRepository.answers(tx, projectId, b, first, rangeEnd);
            Tier tier = project.getOverlapCrowd() > 0 ? Tier.CROWD : project.getOverlapExpert() > 0 ? Tier.EXPERT : null;
            Throughput.Burndown burn = null;
            if (tier != null) {
                int overlap = tier == Tier.CROWD ? project.getOverlapCrowd() : project.getOverlapExpert();
                burn = burndown(starts, unit, tier, overlap, ActivityRepository.itemsCreated(tx, projectId, b, tier),
                        ActivityRepository.itemsCompleted(tx, projectId, b, tier, overlap));
            }
            return new Throughput(projectId, b, bucket == null, first, rangeEnd, starts, dense(starts, answers.get(Tier.CROWD)),
                    dense(starts, answers.get(Tier.EXPERT)), burn);
        });
    }

    private static long[] dense(List<Instant> starts, Map<Instant, Long> counts) {
        long[] out = new long[starts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.getOrDefault(starts.get(i), 0L);
        }
        return out;
    }

    /** Items left at the end of each bucket: created up to then minus completed up to then (history before the range counts). */
    static Throughput.Burndown burndown(List<Instant> starts, ChronoUnit unit, Tier tier, int overlap,
                                       Map<Instant, Long> created, Map<Instant, Long> completed) {
        TreeMap<Instant, Long> delta = new TreeMap<>();
        long total = 0;
        for (Map.Entry<Instant, Long> e : created.entrySet()) {
            delta.merge(e.getKey(), e.getValue(), Long::sum);
            total += e.getValue();
        }
        for (Map.Entry<Instant, Long> e : completed.entrySet()) {
            delta.merge(e.getKey(), -e.getValue(), Long::sum);
        }
        long[] left = new long[starts.size()];
        long running = 0;
        var it = delta.entrySet().iterator();
        Map.Entry<Instant, Long> next = it.hasNext() ? it.next() : null;
        for (int i = 0; i < left.length; i++) {
            Instant end = starts.get(i).plus(1, unit);
            while (next != null && next.getKey().isBefore(end)) {
                running += next.getValue();
                next = it.hasNext() ? it.next() : null;
            }
            left[i] = Math.max(0, running);
        }
        return new Throughput.Burndown(tier, overlap, total, left);
    }
}
