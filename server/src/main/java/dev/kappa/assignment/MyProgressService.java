package dev.kappa.assignment;

import dev.kappa.auth.Principal;
import dev.kappa.auth.Role;
import dev.kappa.auth.Tier;
import dev.kappa.error.Problems;
import dev.kappa.project.ProjectAccess;
import dev.kappa.sql.Db;
import io.vertx.core.Future;

/**
 * One annotator's own progress in one project, for the project list: their answers today and the items still left
 * for them. Both are computed from the rows on every call (no counters to drift) and stay cheap: both walk indexes
 * ({@link ProgressRepository#mine}), and items left stop at {@link #ITEMS_LEFT_CAP} so a huge project costs no more
 * than a small one.
 */
public final class MyProgressService {
    static final int ITEMS_LEFT_CAP = 10_000;

    /** What GET my-progress answers. */
    public record MyProgress(long projectId, Tier tier, long answersToday, long itemsLeft, boolean itemsLeftCapped) {
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
            // Every annotator has a tier (users CHECKs it).
            var mine = ProgressRepository.mine(tx, projectId, caller.userId(), caller.tier(), ITEMS_LEFT_CAP + 1);
            long left = mine.itemsLeft();
            return new MyProgress(projectId, caller.tier(), mine.answersToday(), Math.min(left, ITEMS_LEFT_CAP),
                    left > ITEMS_LEFT_CAP);
        });
    }
}
