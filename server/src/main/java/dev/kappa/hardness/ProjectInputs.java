package dev.kappa.hardness;

import dev.kappa.analysis.AnswerFilter;
import dev.kappa.analysis.AnswerLoader;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.IdIndex;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.consensus.ConsensusRequest;
import dev.kappa.consensus.ItemConsensus;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.project.QualityPolicyRepository;
import dev.kappa.stats.Consensus;
import dev.kappa.stats.PerItem;
import org.jooq.DSLContext;

import java.util.Arrays;
import java.util.List;

import static dev.kappa.db.Tables.PROJECTS;

/**
 * What a recompute needs besides predictions, read in one snapshot: every item (position p, by id), its gold and
 * current priority, and from the answers its consensus, spread and agreement with gold. {@code snapshot} is that
 * snapshot, so the recompute can consume exactly the dirty marks whose changes it saw.
 */
final class ProjectInputs {
    final ProjectsRecord project;
    final LabelSpace space;
    final HardnessSettings settings;
    final String snapshot;
    final List<Long> runs;
    final long[] itemIds;
    final IdIndex index = new IdIndex();
    final int[] gold;
    final double[] priority;
    /** Per item position: its index in the answer set, -1 without answers. */
    final int[] answerIndex;
    final Consensus consensus;
    final int[] label;
    final double[] support;
    final int[] answers;
    final double[] majorityShare;
    final double[] entropyBits;
    final double[] againstGold;

    private ProjectInputs(ProjectsRecord project, LabelSpace space, HardnessSettings settings, String snapshot,
                          List<Long> runs, InputRepository.Items items, AnswerSet set, ItemConsensus ic) {
        this.project = project;
        this.space = space;
        this.settings = settings;
        this.snapshot = snapshot;
        this.runs = runs;
        this.itemIds = items.ids();
        for (long id : itemIds) {
            index.add(id);
        }
        this.gold = items.gold();
        this.priority = items.priority();
        int n = itemIds.length;
        answerIndex = new int[n];
        label = new int[n];
        support = new double[n];
        answers = new int[n];
        majorityShare = new double[n];
        entropyBits = new double[n];
        againstGold = new double[n];
        Arrays.fill(label, Consensus.UNRESOLVED);
        Arrays.fill(againstGold, Double.NaN);
        consensus = ic == null ? null : ic.part(-1);
        PerItem.Spread spread = ic == null ? null : ic.spread(-1);
        for (int p = 0; p < n; p++) {
            int a = set == null ? -1 : set.itemIndex(itemIds[p]);
            answerIndex[p] = a;
            if (a >= 0) {
                label[p] = consensus.label()[a];
                support[p] = consensus.confidence(a);
                answers[p] = spread.answers()[a];
                majorityShare[p] = spread.majorityShare()[a];
                entropyBits[p] = spread.entropyBits()[a];
            }
        }
        if (set != null) {
            countAgainstGold(set);
        }
    }

    /** Whether hardness can be computed: single and rating schemas (multi is judged one label at a time elsewhere). */
    static boolean supported(LabelSpace space) {
        return !space.multi();
    }

    /**
     * Reads everything in the caller's transaction, which must be REPEATABLE READ so that items, answers and the
     * snapshot agree. Without model runs and with a strategy that follows none, the answers are skipped (fifo and
     * random need only the item ids), and fifo reads only the items whose priority is not 0: its only work then is to
     * reset priorities left by an earlier strategy, so a fresh million-item project costs no memory.
     */
    static ProjectInputs load(DSLContext tx, long projectId) {
        ProjectsRecord project = tx.selectFrom(PROJECTS).where(PROJECTS.ID.eq(projectId)).fetchOne();
        if (project == null) {
            return null;
        }
        LabelSpace space = LabelSpace.ofSchema(project.getSchema().data());
        HardnessSettings settings = SettingsRepository.find(tx, projectId);
        String snapshot = RecomputeRepository.snapshot(tx);
        List<Long> runs = SettingsRepository.runs(tx, projectId);
        boolean withAnswers = !runs.isEmpty() || settings.strategy().followsRun();
        InputRepository.Items items = InputRepository.items(tx, projectId, space,
                !withAnswers && settings.strategy() == Strategy.FIFO);
        AnswerSet set = null;
        ItemConsensus ic = null;
        if (withAnswers && supported(space)) {
            set = AnswerLoader.load(tx, projectId, space, AnswerFilter.ALL, false);
            ic = ItemConsensus.compute(set, settings.consensusMethod(),
                    QualityPolicyRepository.find(tx, projectId).tierWeights(null, null),
                    ConsensusRequest.DEFAULT_TOLERANCE, ConsensusRequest.DEFAULT_MAX_ITERATIONS);
        }
        return new ProjectInputs(project, space, settings, snapshot, runs, items, set, ic);
    }

    int size() {
        return itemIds.length;
    }

    /** The share of an item's answers that differ from its gold label. */
    private void countAgainstGold(AnswerSet set) {
        int n = itemIds.length;
        int[] total = new int[n];
        int[] against = new int[n];
        for (int a = 0; a < set.size(); a++) {
            int p = index.indexOf(set.itemId(set.item(a)));
            if (p >= 0 && gold[p] >= 0) {
                total[p]++;
                against[p] += set.has(a, gold[p]) ? 0 : 1;
            }
        }
        for (int p = 0; p < n; p++) {
            if (total[p] > 0) {
                againstGold[p] = (double) against[p] / total[p];
            }
        }
    }
}
