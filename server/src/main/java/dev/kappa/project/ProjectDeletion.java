package dev.kappa.project;

import dev.kappa.db.Public;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static dev.kappa.db.Tables.PROJECTS;

/**
 * Deletes a project and every row that carries its project_id.
 * <p>
 * Why not only ON DELETE CASCADE: other features add tables with project_id all the time, and one that forgets the
 * foreign key (slots dropped theirs for import speed, V051) would silently keep rows of a deleted project. Instead
 * the tables are read from jOOQ's generated schema (regenerated from the migrations at every build, so a new table is
 * included without anyone remembering this class), and each table with a project_id column is emptied of the project
 * with one bound DELETE, children before the tables they reference, so no foreign key ever has to cascade or blocks.
 * The project row goes last. The test ProjectLifecycleApiTest checks against the live catalog that nothing is left.
 */
final class ProjectDeletion {
    private ProjectDeletion() {
    }

    /** Every table with a project_id column, each after all the tables that reference it. */
    static List<Table<?>> tablesInDeleteOrder() {
        List<Table<?>> withProject = new ArrayList<>();
        for (Table<?> t : Public.PUBLIC.getTables()) {
            if (!t.equals(PROJECTS) && t.field("project_id") != null) {
                withProject.add(t);
            }
        }
        Set<Table<?>> done = new LinkedHashSet<>();
        for (Table<?> t : withProject) {
            visit(t, withProject, done, new LinkedHashSet<>());
        }
        return List.copyOf(done);
    }

    /** Depth-first: a table's referencing tables (its children) are placed before it. */
    private static void visit(Table<?> t, List<Table<?>> all, Set<Table<?>> done, Set<Table<?>> path) {
        if (done.contains(t) || !path.add(t)) {
            return; // already placed, or a cycle (self-reference): the single DELETE handles it
        }
        for (Table<?> other : all) {
            if (!other.equals(t) && references(other, t)) {
                visit(other, all, done, path);
            }
        }
        done.add(t);
    }

    private static boolean references(Table<?> child, Table<?> parent) {
        for (ForeignKey<?, ?> fk : child.getReferences()) {
            if (fk.getKey().getTable().equals(parent)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Deletes everything of the project; the caller holds the project row's lock. Returns rows deleted.
     * Triggers may write rows while others are deleted (deleting answers marks the project in hardness_marks for a
     * recompute), so passes repeat until one deletes nothing; the second pass is index lookups only.
     */
    static long delete(DSLContext tx, long projectId) {
        List<Table<?>> tables = tablesInDeleteOrder();
        long total = 0;
        for (int pass = 0; pass < 5; pass++) {
            long rows = 0;
            for (Table<?> t : tables) {
                Field<Long> project = t.field("project_id").coerce(Long.class);
                rows += tx.deleteFrom(t).where(project.eq(projectId)).execute();
            }
            total += rows;
            if (rows == 0) {
                break;
            }
        }
        return total + tx.deleteFrom(PROJECTS).where(PROJECTS.ID.eq(projectId)).execute();
    }
}
