package dev.kappa.study;

import dev.kappa.auth.Tier;

import java.time.Instant;

/** A study as the API shows it: protocol, pay and progress. */
record StudyView(long id, long projectId, String name, Tier tier, StudyStatus status, Protocol protocol, Pay pay,
                 StudyProgress progress, Instant createdAt, Instant stoppedAt) {
    /** How the study runs; the reference is always the items' gold. */
    record Protocol(int trainingN, int qualificationM, int measurementK, int votesV, String passRule, Double passAccuracy,
                    int qualificationQuorum, String sampling, long seed, String reference) {
        static Protocol of(StudyRow s) {
            return new Protocol(s.trainingN(), s.qualificationM(), s.measurementK(), s.votesV(), s.passRule(),
                    s.passAccuracy(), s.qualificationQuorum(), s.sampling(), s.seed(), "gold");
        }
    }

    /** What annotators are paid, per hour or per item; null when the study names no pay. */
    record Pay(String unit, Double amount, String currency) {
        static Pay of(StudyRow s) {
            return s.payUnit() == null ? null : new Pay(s.payUnit(), s.payAmount(), s.currency());
        }
    }

    static StudyView of(StudyService.Study st) {
        StudyRow s = st.row();
        return new StudyView(s.id(), s.projectId(), s.name(), s.tier(), s.status(), Protocol.of(s), Pay.of(s), st.progress(),
                s.createdAt().toInstant(), s.stoppedAt() == null ? null : s.stoppedAt().toInstant());
    }
}
