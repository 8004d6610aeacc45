package dev.kappa.transfer;

/**
 * An item's fixed draw in [0,1) for the baseline sample: a hash of project id and external_id, so re-imports and
 * other servers compute the same value, and raising the rate only adds items. FNV-1a over the characters, then the
 * SplitMix64 finaliser to spread the bits; the top 53 bits make the double.
 */
final class SampleKey {
    private SampleKey() {
    }

    static double of(long projectId, String externalId) {
        long h = 0xcbf29ce484222325L ^ projectId * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < externalId.length(); i++) {
            h ^= externalId.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }
}
