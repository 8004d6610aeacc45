package dev.kappa.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kappa.assignment.ProgressRepository.AnswerCounts;
import dev.kappa.assignment.ProgressRepository.ItemCounts;
import dev.kappa.assignment.ProgressRepository.SlotCounts;
import dev.kappa.auth.Principal;
import dev.kappa.auth.Tier;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;

import java.util.Map;

/**
 * Progress per tier, computed from the slot rows and answers in one pass each ({@link ProgressRepository}): nothing
 * is kept as a counter, so it cannot drift from the truth.
 */
public final class ProgressService {
    private final Db db;

    public ProgressService(Db db) {
        this.db = db;
    }

    /** One tier's items and answers; experts also say how many items wait for them. */
    public record TierProgress(long itemsComplete, long itemsInProgress, long itemsNotStarted, long answers, long answersToday,
                               Double medianSecondsPerAnswer,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long itemsWaitingForExperts) {
    }

    public record Tiers(TierProgress crowd, TierProgress expert) {
    }

    /**
     * What GET progress answers. Adaptive overlap (issue 14): items that got crowd votes beyond the overlap, and how
     * many slots that was.
     */
    public record Progress(long projectId, long items, long itemsEscalated, long goldItems, long itemsWithExtraVotes,
                           long extraCrowdSlots, Tiers tiers) {
    }

    public Future<Progress> progress(Principal caller, long projectId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, caller, projectId);
            Map<Tier, SlotCounts> slots = ProgressRepository.slotsByTier(tx, projectId);
            Map<Tier, AnswerCounts> answers = ProgressRepository.answersByTier(tx, projectId);
            ItemCounts items = ProgressRepository.items(tx, projectId);
            return new Progress(projectId, items.items(), items.escalated(), items.gold(), items.withExtraVotes(),
                    items.extraCrowdSlots(), new Tiers(tier(slots, answers, Tier.CROWD), tier(slots, answers, Tier.EXPERT)));
        });
    }

    private static TierProgress tier(Map<Tier, SlotCounts> slots, Map<Tier, AnswerCounts> answers, Tier tier) {
        SlotCounts s = slots.getOrDefault(tier, SlotCounts.NONE);
        AnswerCounts a = answers.getOrDefault(tier, AnswerCounts.NONE);
        return new TierProgress(s.complete(), s.inProgress(), s.notStarted(), a.answers(), a.answersToday(),
                a.medianSeconds(), tier == Tier.EXPERT ? s.open() : null);
    }
}
