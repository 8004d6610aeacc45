package dev.kappa.hardness;

import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.consensus.ConsensusLinesAccess;
import dev.kappa.consensus.ConsensusMethod;
import dev.kappa.consensus.ItemConsensus;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stored posterior text of a hard case is what the JsonObject before issue 16 (kept here) stored. */
class PosteriorTextTest {
    @Test
    @DisplayName("every item of single and rating projects under each method, odd label keys included")
    void sameText() {
        for (LabelSpace space : ConsensusLinesAccess.spaces()) {
            if (space.multi()) {
                continue;
            }
            AnswerSet set = ConsensusLinesAccess.answers(space, 11);
            for (ConsensusMethod method : ConsensusMethod.values()) {
                ItemConsensus ic = ItemConsensus.compute(set, method, new double[] {1, 2}, 1e-9, 50);
                for (int i = 0; i < set.nItems(); i++) {
                    JsonObject o = new JsonObject();
                    for (int k = 0; k < space.size(); k++) {
                        o.put(space.keys().get(k), ic.part(-1).support(i, k));
                    }
                    assertEquals(o.encode(), HardCaseWriter.posterior(space, ic.part(-1), i));
                }
            }
        }
    }
}
