package dev.kappa.consensus;

import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;

import java.util.List;

/** The consensus line tests' fixtures and old writer, for the export's line test in another package. */
public final class ConsensusLinesAccess {
    private ConsensusLinesAccess() {
    }

    public static void appendFields(ItemConsensus ic, LabelSpace space, StringBuilder sb, int index) {
        ConsensusLineBefore.appendFields(ic, space, sb, index);
    }

    public static String lineBefore(ItemConsensus ic, LabelSpace space, String externalId, int index) {
        StringBuilder sb = new StringBuilder();
        ConsensusLineBefore.appendLine(ic, space, sb, externalId, index);
        return sb.toString();
    }

    public static List<LabelSpace> spaces() {
        return ConsensusLinesTest.spaces();
    }

    public static AnswerSet answers(LabelSpace space, long seed) {
        return ConsensusLinesTest.answers(space, seed);
    }
}
