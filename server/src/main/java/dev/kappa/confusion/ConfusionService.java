package dev.kappa.confusion;

import dev.kappa.analysis.AnswerFilter;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.auth.Principal;
import dev.kappa.auth.Tier;
import dev.kappa.consensus.ConsensusMethod;
import dev.kappa.consensus.ConsensusRequest;
import dev.kappa.consensus.ConsensusService;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.error.Problems;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;

import java.util.List;

/**
 * The confusion matrix of a model run or a tier against gold or against the majority consensus of all answers. The
 * consensus reference here includes the scored answers themselves (no leave-one-out, unlike GET baselines): it shows
 * where a tier departs from the consensus it helped make, and says so in {@code reference_note}.
 */
public final class ConfusionService {
    private final Db db;

    public ConfusionService(Db db) {
        this.db = db;
    }

    /** {@code tier} or {@code runId} (exactly one); {@code reference}: gold or consensus. */
    public Future<Confusion> confusion(Principal p, long projectId, Tier tier, Long runId, String reference) {
        return db.tx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            LabelSpace space = LabelSpace.ofSchema(project.getSchema().data());
            if (space.multi()) {
                throw Problems.invalid("project", "a multi-label schema has one 2x2 table per label: see GET annotators/quality");
            }
            if (runId != null && !ConfusionRepository.runExists(tx, projectId, runId)) {
                throw Problems.invalid("run_id", "project " + projectId + " has no model run " + runId);
            }
            int k = space.size();
            long[][] counts = new long[k][k];
            long compared = 0;
            long without = 0;
            if (reference.equals("gold")) {
                for (ConfusionRepository.Pair pair : runId != null ? ConfusionRepository.runAgainstGold(tx, projectId, runId)
                        : ConfusionRepository.tierAgainstGold(tx, projectId, tier)) {
                    int ref = pair.gold() == null ? -1 : space.classOf(pair.gold());
                    int got = pair.label() == null ? -1 : space.classOf(pair.label());
                    if (ref < 0 || got < 0) {
                        without += pair.n();
                    } else {
                        counts[ref][got] += pair.n();
                        compared += pair.n();
                    }
                }
            } else {
                ConsensusService.Computed c = ConsensusService.computeNow(tx, project,
                        ConsensusRequest.of(ConsensusMethod.MAJORITY, AnswerFilter.ALL));
                int[] consensus = c.consensus().reference(-1);
                for (ConfusionRepository.Given g : runId != null ? ConfusionRepository.run(tx, projectId, runId)
                        : ConfusionRepository.tier(tx, projectId, tier)) {
                    int index = c.answers().itemIndex(g.itemId());
                    int ref = index < 0 ? -1 : consensus[index];
                    int got = g.label() == null ? -1 : space.classOf(g.label());
                    if (ref < 0 || got < 0) {
                        without++;
                    } else {
                        counts[ref][got]++;
                        compared++;
                    }
                }
            }
            String note = reference.equals("gold") ? "the items' gold labels"
                    : "majority of all answers on the item (the scored answers included; unresolved ties have no reference)";
            return new Confusion(projectId, runId != null ? "run:" + runId : "tier:" + tier, reference, note, space.keys(), counts,
                    compared, without);
        });
    }
}
