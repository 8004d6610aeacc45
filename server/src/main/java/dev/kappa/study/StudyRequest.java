package dev.kappa.study;

import dev.kappa.auth.Tier;

/** A new study's protocol, validated by the routes (each bad field is a 422 naming it). */
public record StudyRequest(String name, Tier tier, int trainingN, int qualificationM, int measurementK, int votesV,
                           String passRule, Double passAccuracy, int qualificationQuorum, String sampling, long seed,
                           String payUnit, Double payAmount, String currency) {
}
