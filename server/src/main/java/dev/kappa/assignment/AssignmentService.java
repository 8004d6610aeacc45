package dev.kappa.assignment;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.kappa.http.RecordJson;
import dev.kappa.auth.Principal;
import dev.kappa.auth.Role;
import dev.kappa.db.tables.records.AnswersRecord;
import dev.kappa.db.tables.records.LeasesRecord;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.db.tables.records.SlotsRecord;
import dev.kappa.error.Problems;
import dev.kappa.metrics.Metrics;
import dev.kappa.project.LabelSchema;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import dev.kappa.sql.Gate;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import org.jooq.DSLContext;
import org.jooq.JSONB;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who labels what next, and what happens to each lease. Every call is one transaction; all state lives in
 * PostgreSQL, so any number of server processes can serve the same project.
 */
public final class AssignmentService {
    /**
     * What next-task answers: a task, or the reason there is none. The task is a {@link TaskView}, or a study's task;
     * either is a record written by the one record mapper.
     */
    public record Next(Task task, String noTaskReason) {
    }

    /** A submitted answer as stored; {@code replayed} when the submit was a retry of one already taken. */
    public record Answered(long answerId, String leaseId, long itemId, String tier,
                           @JsonSerialize(using = RecordJson.VertxText.class) String label, Integer durationMs,
                           Integer serverMs, Instant createdAt, boolean replayed) {
        static Answered of(AnswersRecord a, LeaseId id, boolean replayed) {
            return new Answered(a.getId(), id.toString(), a.getItemId(), a.getTier(), a.getLabel().data(),
                    a.getDurationMs(), a.getServerMs(), a.getCreatedAt().toInstant(), replayed);
        }
    }

    /** An undone answer: the lease is held again until {@code expires_at}. */
    public record Undone(String leaseId, Instant expiresAt, long undoneAnswerId) {
    }

    private final Db db;
    /**
     * Answers, skips, releases and undos together use at most this many of the process' connections. Next-task is the
     * request an annotator waits on (the labeling screen sends answers from its outbox while the next item is already
     * up), so under load it must never queue behind writes for a connection, nor compete with more of them at once in
     * PostgreSQL than the cores can run.
     */
    private final Gate leaseWrites;
    /** Served before the project's queue (baseline studies); see {@link TaskSource}. */
    private final TaskSource first;

    public AssignmentService(Db db, int leaseWriteConnections) {
        this(db, leaseWriteConnections, TaskSource.NONE);
    }

    public AssignmentService(Db db, int leaseWriteConnections, TaskSource first) {
        this.db = db;
        this.leaseWrites = new Gate(leaseWriteConnections);
        this.first = first;
    }

    public Future<Next> next(Principal caller, long projectId) {
        return db.tx(tx -> {
            Boolean gold = null;
            if (caller.role() == Role.ANNOTATOR && "active".equals(caller.status()) && caller.tier() != null) {
                UUID lease = UUID.randomUUID();
                AssignmentRepository.OneTrip one = AssignmentRepository.nextInOneTrip(tx, projectId, caller.userId(),
                        caller.tier(), lease, first != TaskSource.NONE);
                if (one.open() && !one.gold()) {
                    one.task().ifPresent(t -> Metrics.leaseTaken(caller.tier()));
                    return one.task().map(t -> new Next(t, null)).orElseGet(() -> new Next(null, "exhausted"));
                }
                // The full path below serves what the one statement leaves to it; a gold check already drawn is not
                // drawn again, so gold is served at exactly the project's rate.
                gold = one.open() ? Boolean.TRUE : null;
            }
            return fullNext(tx, caller, projectId, gold);
        });
    }

    /**
     * Every rule in turn, one statement each: the path for a project with a daily quota, a caller at the fair-lease
     * cap, a running baseline study, a drawn gold check, and every refusal (404, 403, paused). {@code goldDrawn}: whether
     * the gold check was already drawn (null: draw it here).
     */
    private Next fullNext(DSLContext tx, Principal caller, long projectId, Boolean goldDrawn) {
        ProjectsRecord p = ProjectAccess.visible(tx, caller, projectId);
        if (caller.role() != Role.ANNOTATOR) {
            throw Problems.forbidden("Only annotators take tasks; give this user the annotator role and a tier");
        }
        // Paused: the account (by an admin, everywhere) or the membership (by the project's managers, here only).
        if (!"active".equals(caller.status()) || ProjectAccess.pausedHere(tx, caller, projectId)) {
            return new Next(null, "paused");
        }
        int today = AssignmentRepository.lockAnnotatorAndCountToday(tx, projectId, caller.userId());
        // Fair leases (issue 14): once the caller holds max_open_leases open leases in this project, asking again
        // gives back their oldest open lease (same id, same expiry), never a new slot. The per-annotator lock above
        // serialises their concurrent calls, so two racing requests cannot both pass this check.
        Optional<AssignmentRepository.Open> held = AssignmentRepository.oldestIfAtCap(tx, projectId, caller.userId(), p.getMaxOpenLeases());
        if (held.isPresent()) {
            AssignmentRepository.Open o = held.get();
            return new Next(TaskView.of(tx, p, o.itemId(), new LeaseId(projectId, o.id()), o.expiresAt(), o.tier()), null);
        }
        if (p.getDailyQuota() != null && today >= p.getDailyQuota()) {
            return new Next(null, "quota");
        }
        UUID lease = UUID.randomUUID();
        // The one hook for baseline studies: a study's phase comes before the project's own queue.
        Optional<Next> study = first.next(tx, p, caller, lease);
        if (study.isPresent()) {
            return study.get();
        }
        int ttl = p.getLeaseTtlSeconds();
        Optional<AssignmentRepository.Taken> taken = Optional.empty();
        boolean crowd = "crowd".equals(caller.tier());
        boolean drawGold = goldDrawn != null ? goldDrawn : crowd && p.getGoldRate() > 0 && ThreadLocalRandom.current().nextDouble() < p.getGoldRate();
        if (crowd && drawGold) {
            Optional<Long> gold = AssignmentRepository.goldCandidate(tx, projectId, caller.userId());
            if (gold.isPresent()) {
                OffsetDateTime expires = AssignmentRepository.insertLease(tx, projectId, lease, gold.get(), caller.userId(), caller.tier(), null, ttl);
                Metrics.leaseTaken(caller.tier());
                return new Next(TaskView.of(tx, p, gold.get(), new LeaseId(projectId, lease), expires, caller.tier()), null);
            }
        }
        int overlap = crowd ? p.getOverlapCrowd() : p.getOverlapExpert();
        taken = AssignmentRepository.takeSlot(tx, projectId, caller.tier(), caller.userId(), lease, ttl, p.getBreadthFirst(), overlap);
        if (taken.isEmpty()) {
            return new Next(null, "exhausted");
        }
        AssignmentRepository.Taken t = taken.get();
        Metrics.leaseTaken(caller.tier());
        return new Next(TaskView.of(tx, p, t.itemId(), t.externalId(), t.data(), new LeaseId(projectId, lease), t.expiresAt(), caller.tier()), null);
    }

    public Future<Answered> submit(Principal caller, LeaseId id, Object rawLabel, Integer durationMs) {
        Schema known = schemas.get(id.projectId());
        String label = known == null ? null : known.canonicalOrNull(rawLabel);
        return leaseWrites.run(() -> db.tx(tx -> {
            if (label != null) {
                Optional<LeaseRepository.Stored> stored = LeaseRepository.submitInOneTrip(tx, id, caller.userId(), known.json(), label, durationMs);
                if (stored.isPresent()) {
                    LeaseRepository.Stored a = stored.get();
                    Metrics.answerStored(a.tier(), a.leaseExpiresAt());
                    if (a.judgeItem()) {
                        Escalation.afterCrowdAnswer(tx, ProjectAccess.visible(tx, caller, id.projectId()), a.itemId());
                    }
                    return new Answered(a.answerId(), id.toString(), a.itemId(), a.tier(), a.label(), a.durationMs(),
                            a.serverMs(), a.createdAt().toInstant(), false);
                }
            }
            return fullSubmit(tx, caller, id, rawLabel, durationMs);
        }));
    }

    /** Every check in turn: retries (replayed), closed, foreign or lost leases, bad labels, and a schema not yet known. */
    private Answered fullSubmit(DSLContext tx, Principal caller, LeaseId id, Object rawLabel, Integer durationMs) {
        LeaseRepository.Held held = holder(tx, caller, id);
        LeasesRecord lease = held.lease();
        Optional<AnswersRecord> existing = held.answer();
        if (existing.isPresent()) {
            // A retry (lost response, double click): the same result, never a second answer.
            return Answered.of(existing.get(), id, true);
        }
        if (lease.getClosedAt() != null) {
            throw Problems.conflict("lease", "lease: it was " + lease.getOutcome() + " and can no longer be answered");
        }
        ProjectsRecord p = ProjectAccess.visible(tx, caller, id.projectId());
        remember(p);
        JSONB label = canonicalLabel(p, rawLabel);
        if (lease.getSlotNo() != null) {
            SlotsRecord slot = LeaseRepository.lockSlot(tx, lease).orElse(null);
            if (slot == null || !lease.getId().equals(slot.getLeaseId()) || slot.getAnswerId() != null) {
                Metrics.expiredLeaseLost();
                throw Problems.conflict("lease", "lease: it expired and its slot was taken by another annotator; take the next task");
            }
        }
        AnswersRecord answer = LeaseRepository.insertAnswer(tx, lease, label, durationMs);
        Metrics.answerStored(lease.getTier(), lease.getExpiresAt());
        LeaseRepository.fillSlotAndClose(tx, lease, answer.getId());
        if ("crowd".equals(lease.getTier())) {
            Escalation.afterCrowdAnswer(tx, p, lease.getItemId());
        }
        return Answered.of(answer, id, false);
    }

    /**
     * A project's label schema as this process last read it, so that a submit can check its label before the one
     * statement that stores it; that statement stores nothing unless the project still has exactly this schema.
     */
    private record Schema(String json, LabelSchema parsed) {
        /** The canonical label as JSON text, or null when it does not fit (the full path then names the problem). */
        String canonicalOrNull(Object raw) {
            if (raw == null) {
                return null;
            }
            try {
                return Json.encode(parsed.canonical(raw));
            } catch (LabelSchema.BadLabel e) {
                return null;
            }
        }
    }

    private final Map<Long, Schema> schemas = new ConcurrentHashMap<>();

    private void remember(ProjectsRecord p) {
        String json = p.getSchema().data();
        Schema known = schemas.get(p.getId());
        if (known != null && known.json().equals(json)) {
            return;
        }
        if (schemas.size() > 10_000) {
            schemas.clear();
        }
        try {
            schemas.put(p.getId(), new Schema(json, LabelSchema.fromJson(json)));
        } catch (RuntimeException e) {
            schemas.remove(p.getId());
        }
    }

    /**
     * Takes back the caller's answer on a lease that has not expired: the answer is deleted, the lease and its slot
     * are held again, and an escalation that answer caused is withdrawn while no expert has taken the item.
     */
    public Future<Undone> undo(Principal caller, LeaseId id) {
        return leaseWrites.run(() -> db.tx(tx -> {
            LeaseRepository.Held held = holder(tx, caller, id);
            LeasesRecord lease = held.lease();
            AnswersRecord answer = held.answer()
                    .orElseThrow(() -> Problems.conflict("lease", "lease: it has no answer to undo"));
            if (!lease.getExpiresAt().isAfter(OffsetDateTime.now())) {
                throw Problems.conflict("lease", "lease: it has expired, so its answer can no longer be undone");
            }
            ProjectsRecord p = ProjectAccess.visible(tx, caller, id.projectId());
            LeaseRepository.undo(tx, lease, answer);
            if ("crowd".equals(lease.getTier()) && Escalation.withdraw(tx, p, lease.getItemId(), answer.getCreatedAt())) {
                SlotSync.item(tx, p, lease.getItemId());
            }
            return new Undone(id.toString(), lease.getExpiresAt().toInstant(), answer.getId());
        }));
    }

    public Future<Void> skip(Principal caller, LeaseId id, String reason) {
        return leaseWrites.run(() -> db.tx(tx -> {
            LeasesRecord lease = holderLease(tx, caller, id);
            if ("skipped".equals(lease.getOutcome())) {
                return null;
            }
            requireOpen(lease);
            LeaseRepository.skip(tx, lease, reason);
            LeaseRepository.freeSlot(tx, lease);
            LeaseRepository.close(tx, lease, "skipped");
            return null;
        }));
    }

    public Future<Void> release(Principal caller, LeaseId id) {
        return leaseWrites.run(() -> db.tx(tx -> {
            LeasesRecord lease = holderLease(tx, caller, id);
            if ("released".equals(lease.getOutcome())) {
                return null;
            }
            requireOpen(lease);
            LeaseRepository.freeSlot(tx, lease);
            LeaseRepository.close(tx, lease, "released");
            return null;
        }));
    }

    /** Only the holder may act on a lease; to anyone else it does not exist (404, so lease ids do not leak). */
    private static LeaseRepository.Held holder(DSLContext tx, Principal caller, LeaseId id) {
        LeaseRepository.Held held = LeaseRepository.lockLease(tx, id).orElseThrow(() -> Problems.notFound("lease " + id));
        if (held.lease().getAnnotatorId() != caller.userId()) {
            throw Problems.notFound("lease " + id);
        }
        return held;
    }

    private static LeasesRecord holderLease(DSLContext tx, Principal caller, LeaseId id) {
        return holder(tx, caller, id).lease();
    }

    private static void requireOpen(LeasesRecord lease) {
        if (lease.getClosedAt() != null) {
            throw Problems.conflict("lease", "lease: it was already " + lease.getOutcome());
        }
    }

    private static JSONB canonicalLabel(ProjectsRecord p, Object raw) {
        if (raw == null) {
            throw Problems.invalid("label", "is required");
        }
        try {
            return JSONB.valueOf(Json.encode(LabelSchema.fromJson(p.getSchema().data()).canonical(raw)));
        } catch (LabelSchema.BadLabel e) {
            throw Problems.invalid("label", e.getMessage());
        }
    }
}
