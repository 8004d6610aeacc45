package dev.kappa.consensus;

import dev.kappa.analysis.AnswerLoader;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.project.ProjectAccess;
import dev.kappa.quality.QualityPolicy;
import dev.kappa.quality.QualityPolicyRepository;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.jooq.Cursor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

import static dev.kappa.db.Tables.ITEMS;

/**
 * Consensus labels of a project's items. {@link #compute} reads the answers in one short transaction and runs the
 * method afterwards on the worker pool; {@link #stream} then walks the items in queue order through a cursor and
 * emits one line each, so the response never holds every line in memory.
 */
public final class ConsensusService {
    /** A computed consensus of one project, ready to stream. */
    public record Computed(long projectId, AnswerSet answers, ItemConsensus consensus, double[] tierWeights) {
    }

    private final Db db;

    public ConsensusService(Db db) {
        this.db = db;
    }

    public Future<Computed> compute(Principal p, long projectId, ConsensusRequest q) {
        return db.tx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            LabelSpace space = LabelSpace.ofSchema(project.getSchema().data());
            QualityPolicy policy = QualityPolicyRepository.find(tx, projectId);
            double[] weights = {q.crowdWeight() != null ? q.crowdWeight() : policy.crowdWeight(),
                    q.expertWeight() != null ? q.expertWeight() : policy.expertWeight()};
            if (weights[0] + weights[1] <= 0) {
                throw dev.kappa.error.Problems.invalid("expert_weight", "crowd_weight and expert_weight cannot both be 0");
            }
            return new Computed(projectId, AnswerLoader.load(tx, projectId, space, q.filter(), false), null, weights);
        }).compose(c -> db.blocking(() -> new Computed(projectId, c.answers(),
                ItemConsensus.compute(c.answers(), q.method(), c.tierWeights(), q.tolerance(), q.maxIterations()),
                c.tierWeights())));
    }

    /**
     * Every item of the project in queue order (seq), including items without answers, as one line each; then
     * {@code end}, still on the worker thread, since a sink may block while the client reads.
     */
    public Future<Void> stream(Computed c, Consumer<JsonObject> sink, Runnable end) {
        return db.blocking(() -> db.inTx(tx -> {
            try (Cursor<?> cursor = tx.select(ITEMS.ID, ITEMS.EXTERNAL_ID).from(ITEMS)
                    .where(ITEMS.PROJECT_ID.eq(c.projectId())).orderBy(ITEMS.SEQ)
                    .fetchSize(10_000).fetchLazy()) {
                ResultSet rs = cursor.resultSet();
                while (rs.next()) {
                    sink.accept(c.consensus().line(rs.getString(2), c.answers().itemIndex(rs.getLong(1))));
                }
            } catch (SQLException e) {
                throw new org.jooq.exception.DataAccessException("reading items of project " + c.projectId(), e);
            }
            end.run();
            return null;
        }));
    }
}
