package dev.kappa.baseline;

/** A model run as stored, with its optional run metrics. */
public record ModelRun(long id, String model, String version, Double latencyMs, Double sizeMb, Double costPer1k) {
    public String name() {
        return model + " " + version;
    }
}
