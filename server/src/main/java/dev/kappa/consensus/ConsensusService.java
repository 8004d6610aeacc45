package dev.kappa.consensus;

import dev.kappa.analysis.AnswerLoader;
import dev.kappa.analysis.AnswerSet;
import dev.kappa.analysis.LabelSpace;
import dev.kappa.auth.Principal;
import dev.kappa.db.tables.records.ProjectsRecord;
import dev.kappa.project.ProjectAccess;
import dev.kappa.project.QualityPolicy;
import dev.kappa.project.QualityPolicyRepository;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import org.jooq.Cursor;
import org.jooq.DSLContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Logger;

import static dev.kappa.db.Tables.ITEMS;

/**
 * Consensus labels of a project's items. {@link #compute} reads the answers in one short transaction and runs the
 * method afterwards on the worker pool; {@link #stream} then walks the items in queue order through a cursor and
 * emits one line each, so the response never holds every line in memory.
 */
public final class ConsensusService {
    /** Receives each item of the project: its external id and its index in the answers (-1 without answers). */
    @FunctionalInterface
    public interface ItemVisitor {
        void item(String externalId, int index);
    }

    /** A computed consensus of one project, ready to stream. */
    public record Computed(long projectId, AnswerSet answers, ItemConsensus consensus, double[] tierWeights) {
    }

    private static final Logger LOG = Logger.getLogger(ConsensusService.class.getName());

    private final Db db;

    public ConsensusService(Db db) {
        this.db = db;
    }

    public Future<Computed> compute(Principal p, long projectId, ConsensusRequest q) {
        long t0 = System.nanoTime();
        return db.tx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            LabelSpace space = LabelSpace.ofSchema(project.getSchema().data());
            QualityPolicy policy = QualityPolicyRepository.find(tx, projectId);
            double[] weights = policy.tierWeights(q.crowdWeight(), q.expertWeight());
            return new Computed(projectId, AnswerLoader.load(tx, projectId, space, q.filter(), false), null, weights);
        }).compose(c -> db.blocking(() -> {
            long t1 = System.nanoTime();
            ItemConsensus consensus = ItemConsensus.compute(c.answers(), q.method(), c.tierWeights(), q.tolerance(), q.maxIterations());
            LOG.info(() -> String.format("%s consensus of project %d: %,d answers read in %d ms, computed in %d ms", q.method().key(),
                    projectId, c.answers().size(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000));
            return new Computed(projectId, c.answers(), consensus, c.tierWeights());
        }));
    }

    /**
     * Dawid-Skene's fitted parameters for the project's answers (filters as for the consensus): answers and the
     * annotators' external ids are read in one short transaction, EM runs afterwards on the worker pool.
     */
    public Future<ConsensusModel> model(Principal p, long projectId, ConsensusRequest q) {
        record Loaded(AnswerSet answers, java.util.Map<Long, ConsensusModel.Person> people) {
        }
        return db.tx(tx -> {
            ProjectsRecord project = ProjectAccess.requireManager(tx, p, projectId);
            AnswerSet answers = AnswerLoader.load(tx, projectId, LabelSpace.ofSchema(project.getSchema().data()), q.filter(), false);
            java.util.Map<Long, ConsensusModel.Person> people = new java.util.HashMap<>();
            java.util.List<Long> ids = new java.util.ArrayList<>();
            for (int u = 0; u < answers.nAnnotators(); u++) {
                ids.add(answers.userId(u));
            }
            tx.select(dev.kappa.db.Tables.USERS.ID, dev.kappa.db.Tables.USERS.EXTERNAL_ID, dev.kappa.db.Tables.USERS.DISPLAY_NAME)
                    .from(dev.kappa.db.Tables.USERS).where(dev.kappa.db.Tables.USERS.ID.in(ids))
                    .forEach(r -> people.put(r.value1(), new ConsensusModel.Person(r.value2(), r.value3())));
            return new Loaded(answers, people);
        }).compose(l -> db.blocking(() -> ConsensusModel.fit(l.answers(), l.people(), q.tolerance(), q.maxIterations())));
    }

    /**
     * Loads and computes in the caller's transaction, on the caller's (worker) thread: for the export, which adds the
     * consensus to every item it streams.
     */
    public static Computed computeNow(DSLContext tx, ProjectsRecord project, ConsensusRequest q) {
        LabelSpace space = LabelSpace.ofSchema(project.getSchema().data());
        double[] weights = QualityPolicyRepository.find(tx, project.getId()).tierWeights(q.crowdWeight(), q.expertWeight());
        AnswerSet answers = AnswerLoader.load(tx, project.getId(), space, q.filter(), false);
        return new Computed(project.getId(), answers,
                ItemConsensus.compute(answers, q.method(), weights, q.tolerance(), q.maxIterations()), weights);
    }

    /**
     * Every item of the project in queue order (seq), including items without answers, as one line each; then
     * {@code end}, still on the worker thread, since a visitor may block while the client reads.
     */
    public Future<Void> stream(Computed c, ItemVisitor visitor, Runnable end) {
        return db.blocking(() -> db.inTx(tx -> {
            try (Cursor<?> cursor = tx.select(ITEMS.ID, ITEMS.EXTERNAL_ID).from(ITEMS)
                    .where(ITEMS.PROJECT_ID.eq(c.projectId())).orderBy(ITEMS.SEQ)
                    .fetchSize(10_000).fetchLazy()) {
                ResultSet rs = cursor.resultSet();
                while (rs.next()) {
                    visitor.item(rs.getString(2), c.answers().itemIndex(rs.getLong(1)));
                }
            } catch (SQLException e) {
                throw new org.jooq.exception.DataAccessException("reading items of project " + c.projectId(), e);
            }
            end.run();
            return null;
        }));
    }
}
