package dev.kappa.metrics;

import dev.kappa.auth.Tier;
import dev.kappa.sql.Db;
import dev.kappa.sql.Gate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Kappa's own counters (docs/metrics.md), one static call where the event happens, so that no service needs a handle
 * passed in. They count for the whole process: each server adds its registry here when it starts and removes it when
 * it stops (production runs one server per process; tests start several one after another). An event inside a
 * transaction is counted once that transaction commits ({@link Db#afterCommit}), so a rolled-back answer counts nothing.
 */
public final class Metrics {
    private static final CompositeMeterRegistry ALL = new CompositeMeterRegistry();

    private Metrics() {
    }

    static void add(MeterRegistry registry) {
        ALL.add(registry);
        // Every series a dashboard plots starts at 0 instead of appearing at its first event.
        for (Tier tier : Tier.values()) {
            answers(tier);
            leases(tier);
        }
        for (String result : new String[] {"answered", "lost"}) {
            expired(result);
        }
        for (String reason : new String[] {"crowd_disagreement", "gold_conflict"}) {
            escalations(reason);
        }
        for (String kind : new String[] {"items", "predictions", "answers"}) {
            imports(kind);
        }
        recomputes();
        Gauge.builder("kappa.gate.waiting", Gate::waitingInProcess)
                .description("Answers, skips, releases and undos waiting for their share of the connections (the lease-write gate)")
                .register(registry);
    }

    static void remove(MeterRegistry registry) {
        ALL.remove(registry);
    }

    /**
     * An annotator's answer stored through submit (a replayed submit and imported answers are not counted); one that
     * arrived after its lease's expiry also counts as an expired lease "answered": nobody had taken the slot meanwhile.
     */
    public static void answerStored(Tier tier, OffsetDateTime leaseExpiry) {
        boolean late = leaseExpiry != null && leaseExpiry.isBefore(OffsetDateTime.now());
        Db.afterCommit(() -> {
            answers(tier).increment();
            if (late) {
                expired("answered").increment();
            }
        });
    }

    /** A new lease from a project's queue (a slot or a gold item); handing back a held lease is not counted. */
    public static void leaseTaken(Tier tier) {
        Db.afterCommit(() -> leases(tier).increment());
    }

    /** An answer arrived after its lease expired and was refused (409): another annotator had taken the slot. */
    public static void expiredLeaseLost() {
        expired("lost").increment();
    }

    /** An item escalated to experts by a live crowd answer; the reason is crowd_disagreement or gold_conflict. */
    public static void escalated(String reason) {
        Db.afterCommit(() -> escalations(reason).increment());
    }

    /** An import committed; kind is items, predictions or answers. */
    public static void imported(String kind) {
        imports(kind).increment();
    }

    /** A hard-case recompute of one project finished. */
    public static void recomputed(long ms) {
        recomputes().record(Duration.ofMillis(ms));
    }

    private static Counter answers(Tier tier) {
        return Counter.builder("kappa.answers").description("Answers stored through submit, by tier")
                .tag("tier", tier.getLiteral()).register(ALL);
    }

    private static Counter leases(Tier tier) {
        return Counter.builder("kappa.leases.taken").description("New leases from a project's queue, by tier")
                .tag("tier", tier.getLiteral()).register(ALL);
    }

    private static Counter expired(String result) {
        return Counter.builder("kappa.leases.expired")
                .description("Answers that arrived after their lease expired: answered (stored) or lost (refused)")
                .tag("result", result).register(ALL);
    }

    private static Counter escalations(String reason) {
        return Counter.builder("kappa.escalations").description("Items escalated to experts by a crowd answer, by reason")
                .tag("reason", reason).register(ALL);
    }

    private static Counter imports(String kind) {
        return Counter.builder("kappa.imports").description("Imports committed, by kind").tag("kind", kind).register(ALL);
    }

    private static Timer recomputes() {
        return Timer.builder("kappa.hardness.recompute").description("Duration of one project's hard-case recompute")
                .register(ALL);
    }
}
