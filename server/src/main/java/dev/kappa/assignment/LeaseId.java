package dev.kappa.assignment;

import dev.kappa.error.Problems;

import java.util.UUID;

/**
 * A lease id as clients see it: "{projectId}.{uuid}". Carrying the project lets every lease lookup filter on
 * project_id, like every other hot query, so leases can live with their project's shard.
 */
public record LeaseId(long projectId, UUID id) {
    public static LeaseId parse(String text) {
        int dot = text == null ? -1 : text.indexOf('.');
        try {
            if (dot > 0) {
                return new LeaseId(Long.parseLong(text.substring(0, dot)), UUID.fromString(text.substring(dot + 1)));
            }
        } catch (IllegalArgumentException e) {
            // fall through: a malformed id names no lease
        }
        throw Problems.notFound("lease " + text);
    }

    @Override
    public String toString() {
        return projectId + "." + id;
    }
}
