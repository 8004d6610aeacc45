package dev.kappa.assignment;

import dev.kappa.auth.Principal;
import dev.kappa.auth.Role;
import dev.kappa.error.Problems;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import org.jooq.Record;

/**
 * One annotator's own progress in one project, for the project list: their answers today and the items still left
 * for them. Both are computed from the rows on every call (no counters to drift) and stay cheap: answers today walk
 * the (project, annotator, created_at) index, and items left walk the project's items by primary key with
 * index-backed existence checks, stopping at {@link #ITEMS_LEFT_CAP} so a huge project costs no more than a small one.
 */
public final class MyProgressService {
    static final int ITEMS_LEFT_CAP = 10_000;

    /**
     * An item is left for the caller while a slot of their tier is open to them (not filled, and free, expired, or
     * held by them) and they have neither answered nor skipped it. Gold checks, served outside slots, are not counted.
     */
    private static final String MY_PROGRESS = """
            SELECT (SELECT count(*) FROM answers a
                    WHERE a.project_id = ? AND a.annotator_id = ? AND a.created_at >= date_trunc('day', now())) AS answers_today,
                   (SELECT count(*) FROM (
                      SELECT 1 FROM items i
                      WHERE i.project_id = ?
                        AND EXISTS (SELECT 1 FROM slots s WHERE s.project_id = i.project_id AND s.item_id = i.id AND s.tier = ?
                                    AND s.answer_id IS NULL AND (s.lease_id IS NULL OR s.expires_at < now() OR s.annotator_id = ?))
                        AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.project_id = i.project_id AND a.item_id = i.id AND a.annotator_id = ?)
                        AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.project_id = i.project_id AND k.item_id = i.id AND k.annotator_id = ?)
                      LIMIT ?) capped) AS items_left
            """;

    /** What GET my-progress answers. */
    public record MyProgress(long projectId, String tier, long answersToday, long itemsLeft, boolean itemsLeftCapped) {
    }

    private final Db db;

    public MyProgressService(Db db) {
        this.db = db;
    }

    public Future<MyProgress> myProgress(Principal caller, long projectId) {
        // Reads only: autocommit statements, no BEGIN/COMMIT round trips.
        return db.read(tx -> {
            ProjectAccess.visible(tx, caller, projectId);
            if (caller.role() != Role.ANNOTATOR) {
                throw Problems.forbidden("Only annotators have labeling progress of their own");
            }
            long me = caller.userId();
            Record r = tx.fetchOne(MY_PROGRESS, projectId, me, projectId, caller.tier(), me, me, me, ITEMS_LEFT_CAP + 1);
            long left = r.get("items_left", Long.class);
            return new MyProgress(projectId, caller.tier(), r.get("answers_today", Long.class), Math.min(left, ITEMS_LEFT_CAP),
                    left > ITEMS_LEFT_CAP);
        });
    }
}
