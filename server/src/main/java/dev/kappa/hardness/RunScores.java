package dev.kappa.hardness;

import org.jooq.DSLContext;

import java.util.Arrays;

/** Scores of one model run: computes them from the project's inputs and the run's predictions, and writes them. */
record RunScores(Hardness.Result result, int written, int deleted) {

    static RunScores score(DSLContext c, HardCaseWriter.TxRunner runner, ProjectInputs in, long runId) {
        long projectId = in.project.getId();
        HardnessSettings s = in.settings;
        Object[] read = c.transactionResult(cfg -> new Object[] {
                RunPredictions.load(cfg.dsl(), projectId, runId, in.space, in.index, s.uncertainty()),
                HardCaseWriteRepository.stored(cfg.dsl(), projectId, runId, in.index),
                ClassRepository.weaknessInUse(cfg.dsl(), projectId, runId, in.space)});
        RunPredictions preds = (RunPredictions) read[0];
        HardCaseWriteRepository.Stored stored = (HardCaseWriteRepository.Stored) read[1];
        int[] reference = reference(in);
        Hardness.Result r = Hardness.compute(inputs(in, preds.predicted(), preds.uncertainty(), reference),
                s.weights(), s.human(), (Hardness.ClassWeakness) read[2]);
        int n = in.size();
        boolean[] changed = new boolean[n];
        boolean[] gone = new boolean[n];
        for (int p = 0; p < n; p++) {
            if (preds.predicted()[p] >= 0) {
                // Rows are built twice for the few that changed rather than held for all: a row is ~100 bytes.
                changed[p] = !stored.present()[p] || stored.hash()[p] != row(in, r, preds.predicted(), p).hash();
            } else {
                gone[p] = stored.present()[p];
            }
        }
        int written = HardCaseWriter.upsert(runner, projectId, runId, Recompute.positions(changed),
                p -> row(in, r, preds.predicted(), p));
        long[] goneIds = Arrays.stream(Recompute.positions(gone)).mapToLong(p -> in.itemIds[p]).toArray();
        int deleted = runner.run(tx -> {
            ClassRepository.replace(tx, projectId, runId, in.space, r, preds.predicted(), reference);
            return HardCaseWriteRepository.delete(tx, projectId, runId, goneIds);
        });
        return new RunScores(r, written, deleted);
    }

    /** The hardness strategy with no model run yet: human disagreement and gold conflict only. */
    static Hardness.Result withoutModel(ProjectInputs in) {
        int[] none = new int[in.size()];
        double[] nan = new double[in.size()];
        Arrays.fill(none, -1);
        Arrays.fill(nan, Double.NaN);
        return Hardness.compute(inputs(in, none, nan, reference(in)), in.settings.weights(), in.settings.human(), null);
    }

    private static int[] reference(ProjectInputs in) {
        return in.settings.reference() == HardnessSettings.Reference.GOLD ? in.gold : in.label;
    }

    private static Hardness.Inputs inputs(ProjectInputs in, int[] predicted, double[] uncertainty, int[] reference) {
        return new Hardness.Inputs(in.space.size(), predicted, uncertainty, in.label, in.support, in.answers,
                in.majorityShare, in.entropyBits, in.gold, in.againstGold, reference);
    }

    private static HardCaseWriter.Row row(ProjectInputs in, Hardness.Result r, int[] predicted, int p) {
        int a = in.answerIndex[p];
        int cons = in.label[p];
        return new HardCaseWriter.Row(in.itemIds[p], r.score()[p], r.uncertainty()[p], r.modelDisagreement()[p],
                r.humanDisagreement()[p], r.classWeakness()[p], r.goldConflict()[p], r.reasons()[p],
                in.space.keys().get(predicted[p]), cons >= 0 ? in.space.keys().get(cons) : null,
                a >= 0 ? HardCaseWriter.posterior(in.space, in.consensus, a) : null, in.answers[p], r.modelWrong()[p]);
    }
}
