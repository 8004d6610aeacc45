package dev.kappa.study;

/**
 * Where a study stands. Trained: reached qualification (or was decided, when there is none). Waiting: finished
 * qualification, held by the median rule's quorum. Participating: gave at least one measurement answer.
 */
public record StudyProgress(int recruited, int trained, int qualificationFinished, int waiting, int qualified, int notQualified,
                            int participating, int votesAnswered, int votesNeeded, int itemsComplete) {
}
