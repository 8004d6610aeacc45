package dev.kappa.analysis;

import dev.kappa.sql.Db;
import dev.kappa.stats.Krippendorff;
import dev.kappa.stats.Ratings;
import dev.kappa.support.Datasets;
import dev.kappa.support.ProjectData;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers stored in PostgreSQL come back as the right classes, items and annotators, filtered as asked. */
class AnswerLoaderTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Db db;

    @BeforeAll
    static void setUp() {
        db = server.kappa().db();
    }

    static AnswerSet load(ProjectData p, String kind, List<String> keys, AnswerFilter f) {
        return db.inTx(tx -> AnswerLoader.load(tx, p.id(), new LabelSpace(kind, keys), f, true));
    }

    @Test
    @DisplayName("Krippendorff's example C stored as rating answers loads to the data that gives his published alpha .743 / .849")
    void krippendorffExampleC() {
        ProjectData p = ProjectData.create(server, "rating", List.of("1", "2", "3", "4", "5"));
        List<String[]> rows = Datasets.rows("agreement_examples/krippendorff_example_c_numeric.csv", ",");
        int stored = 0;
        for (String[] coder : rows.subList(1, rows.size())) {
            for (int u = 1; u < coder.length; u++) {
                if (!coder[u].equals("*")) {
                    p.answer("u" + u, coder[0], Integer.parseInt(coder[u]));
                    stored++;
                }
            }
        }
        p.flush();
        AnswerSet set = load(p, "rating", List.of("1", "2", "3", "4", "5"), AnswerFilter.ALL);
        assertEquals(stored, set.size());
        assertEquals(12, set.nItems());
        assertEquals(4, set.nAnnotators());
        Ratings r = set.ratings();
        // Krippendorff (2004, p. 230; 2011): nominal .743, interval .849
        assertEquals(0.743, Krippendorff.alpha(r, Krippendorff.Metric.NOMINAL).value(), 5e-4);
        assertEquals(0.849, Krippendorff.alpha(r, Krippendorff.Metric.INTERVAL).value(), 5e-4);
    }

    @Test
    @DisplayName("A remembered answer set is used again only while the answers are the same: an insert or a delete reads anew")
    void rememberedSetFollowsEveryChange() {
        ProjectData p = ProjectData.create(server, "single", List.of("a", "b"));
        p.answer("i1", "w1", "a").answer("i1", "w2", "b").answer("i2", "w1", "a").flush();
        AnswerSet first = load(p, "single", List.of("a", "b"), AnswerFilter.ALL);
        assertEquals(3, first.size());
        // nothing changed: the very same set, whether or not durations were asked for
        assertTrue(first == load(p, "single", List.of("a", "b"), AnswerFilter.ALL));
        assertTrue(first == db.inTx(tx -> AnswerLoader.load(tx, p.id(), new LabelSpace("single", List.of("a", "b")), AnswerFilter.ALL, false)));
        // another label space is another set
        assertEquals(3, load(p, "single", List.of("b", "a"), AnswerFilter.ALL).size());
        assertFalse(first == load(p, "single", List.of("b", "a"), AnswerFilter.ALL));
        p.answer("i2", "w2", "b").flush();
        AnswerSet more = load(p, "single", List.of("a", "b"), AnswerFilter.ALL);
        assertEquals(4, more.size());
        db.inTx(tx -> tx.execute("DELETE FROM answers WHERE project_id = ? AND id = (SELECT max(id) FROM answers WHERE project_id = ?)", p.id(), p.id()));
        assertEquals(3, load(p, "single", List.of("a", "b"), AnswerFilter.ALL).size());
        p.answer("i2", "w3", "a").flush();
        db.inTx(tx -> tx.execute("DELETE FROM answers WHERE project_id = ? AND id = (SELECT min(id) FROM answers WHERE project_id = ?)", p.id(), p.id()));
        AnswerSet swapped = load(p, "single", List.of("a", "b"), AnswerFilter.ALL);
        assertEquals(3, swapped.size());
        assertTrue(swapped.userIndex(p.annotator("w3")) >= 0, "the new answer is in the set");
        assertTrue(swapped.userIndex(p.annotator("w1")) >= 0 && swapped.itemIndex(p.item("i1")) >= 0);
    }

    @Test
    @DisplayName("tier, time range and annotator filters select exactly the matching answers; unknown labels are counted, not loaded")
    void filters() {
        ProjectData p = ProjectData.create(server, "single", List.of("pos", "neg"));
        OffsetDateTime t0 = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        p.answer("i1", "ann", "crowd", "pos", 1000, t0);
        p.answer("i1", "exp", "expert", "neg", 3000, t0.plusDays(1));
        p.answer("i2", "ann", "crowd", "neg", null, t0.plusDays(2));
        p.answer("i2", "ann", "expert", "pos", 2000, t0.plusDays(3));
        p.answer("i3", "exp", "expert", "maybe", 2000, t0.plusDays(3));
        p.flush();
        List<String> keys = List.of("pos", "neg");
        AnswerSet all = load(p, "single", keys, AnswerFilter.ALL);
        assertEquals(4, all.size());
        assertEquals(1, all.ignored(), "the answer 'maybe' does not fit the schema");
        assertEquals(2, all.nItems());
        assertEquals(-1, all.itemIndex(p.item("i3")), "an item with only unusable answers is not in the set");
        assertEquals(2, load(p, "single", keys, new AnswerFilter("expert", null, null, null, null)).size());
        assertEquals(2, load(p, "single", keys, new AnswerFilter(null, null, t0.plusDays(1), t0.plusDays(3), null)).size());
        assertEquals(3, load(p, "single", keys, new AnswerFilter(null, null, null, null, new long[] {p.annotator("ann")})).size());
        AnswerSet crowd = load(p, "single", keys, new AnswerFilter("crowd", null, t0, null, new long[] {p.annotator("ann")}));
        assertEquals(2, crowd.size());
        assertEquals(p.annotator("ann"), crowd.userId(0));
        assertEquals(1000, crowd.durationMs(0));
        assertEquals(-1, crowd.durationMs(1), "no duration known");
    }

    @Test
    @DisplayName("one person answering under two tiers is one annotator for agreement and two voters for consensus")
    void tiersKeptPerAnswer() {
        ProjectData p = ProjectData.create(server, "single", List.of("a", "b"));
        p.answer("i1", "x", "crowd", "a", null, null).answer("i2", "x", "expert", "b", null, null).flush();
        AnswerSet set = load(p, "single", List.of("a", "b"), AnswerFilter.ALL);
        assertEquals(1, set.ratings().distinctAnnotators());
        Ratings voters = set.byVoter(-1);
        assertEquals(2, voters.distinctAnnotators());
        assertFalse(AnswerSet.expertVoter(voters.annotator(0)));
        assertTrue(AnswerSet.expertVoter(voters.annotator(1)));
    }

    @Test
    @DisplayName("multi answers load as bit sets and become one present/absent rating per label; gold maps the same way")
    void multiAndGold() {
        List<String> keys = List.of("cat", "dog", "bird");
        ProjectData p = ProjectData.create(server, "multi", keys);
        p.answer("i1", "a", new JsonArray().add("cat").add("dog"));
        p.answer("i1", "b", new JsonArray().add("dog"));
        p.answer("i2", "a", new JsonArray());
        p.gold("i1", new JsonArray().add("dog")).flush();
        AnswerSet set = load(p, "multi", keys, AnswerFilter.ALL);
        assertThrows(IllegalStateException.class, set::ratings);
        Ratings dog = set.present(1);
        assertEquals(2, dog.nClasses());
        assertArrayEquals(new int[] {1, 1, 0}, new int[] {dog.label(0), dog.label(1), dog.label(2)});
        Ratings cat = set.present(0);
        assertArrayEquals(new int[] {1, 0, 0}, new int[] {cat.label(0), cat.label(1), cat.label(2)});
        Gold gold = db.inTx(tx -> Gold.load(tx, p.id(), set));
        assertEquals(1, gold.count());
        int i1 = set.itemIndex(p.item("i1"));
        assertEquals(1, gold.present(1)[i1]);
        assertEquals(0, gold.present(0)[i1]);
        assertEquals(-1, gold.present(0)[set.itemIndex(p.item("i2"))]);
    }

    @Test
    @DisplayName("the id index maps ids to dense indices and back across many resizes")
    void idIndex() {
        IdIndex ix = new IdIndex();
        for (long id = 1_000_000; id < 1_200_000; id += 2) {
            ix.add(id);
        }
        assertEquals(100_000, ix.size());
        assertEquals(0, ix.indexOf(1_000_000));
        assertEquals(99_999, ix.indexOf(1_199_998));
        assertEquals(-1, ix.indexOf(1_000_001));
        assertEquals(1_000_002, ix.id(1));
        assertEquals(1, ix.add(1_000_002));
    }
}
