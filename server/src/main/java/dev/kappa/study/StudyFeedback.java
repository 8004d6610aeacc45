package dev.kappa.study;

/** What a training answer is shown: the annotator's label, the correct one, and the item's explanation if it has one. */
public record StudyFeedback(String leaseId, long studyId, long itemId, Object yourLabel, Object correctLabel, boolean correct,
                            String explanation) {
}
