package dev.kappa.activity;

import java.time.Instant;
import java.util.List;

/** Throughput as the response shows it: the two tiers' series under {@code answers}, the burndown null without overlap. */
record ThroughputView(long projectId, String bucket, boolean bucketChosen, Instant from, Instant to, List<Instant> starts,
                      Answers answers, Throughput.Burndown burndown) {
    record Answers(long[] crowd, long[] expert) {
    }

    static ThroughputView of(Throughput t) {
        return new ThroughputView(t.projectId(), t.bucket(), t.bucketChosen(), t.from(), t.to(), t.starts(),
                new Answers(t.crowd(), t.expert()), t.burndown());
    }
}
