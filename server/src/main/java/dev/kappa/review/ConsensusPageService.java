package dev.kappa.review;

import dev.kappa.auth.Principal;
import dev.kappa.consensus.ConsensusRequest;
import dev.kappa.consensus.ConsensusService;
import dev.kappa.consensus.ItemConsensus;
import dev.kappa.sql.Db;
import dev.kappa.stats.Consensus;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The consensus browser: the same consensus as GET consensus, computed on the server, of which only one page of items
 * (with their data) goes to the browser. Filters: at most a confidence, or unresolved only.
 */
public final class ConsensusPageService {
    private final Db db;
    private final ConsensusService consensus;

    public ConsensusPageService(Db db, ConsensusService consensus) {
        this.db = db;
        this.consensus = consensus;
    }

    /** {@code maxConfidence}: null for all; {@code byConfidence}: lowest first, else queue (item) order. */
    public Future<ConsensusPage> page(Principal p, long projectId, ConsensusRequest q, Double maxConfidence, boolean unresolvedOnly,
                                      boolean byConfidence, int offset, int limit) {
        return consensus.compute(p, projectId, q).compose(c -> db.tx(tx -> {
            ItemConsensus ic = c.consensus();
            int n = c.answers().nItems();
            double[] conf = new double[n];
            List<Integer> chosen = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                conf[i] = confidence(ic, c.answers().space().multi() ? c.answers().space().size() : 1, i);
                boolean unresolved = Double.isNaN(conf[i]);
                if (unresolvedOnly && !unresolved) {
                    continue;
                }
                if (maxConfidence != null && !unresolved && conf[i] > maxConfidence) {
                    continue;
                }
                chosen.add(i);
            }
            Comparator<Integer> order = Comparator.comparingLong(i -> c.answers().itemId(i));
            if (byConfidence) {
                order = Comparator.<Integer>comparingDouble(i -> Double.isNaN(conf[i]) ? -1 : conf[i]).thenComparing(order);
            }
            chosen.sort(order);
            List<Integer> page = chosen.subList(Math.min(offset, chosen.size()), Math.min(chosen.size(), offset + limit));
            Long[] ids = page.stream().map(i -> c.answers().itemId(i)).toArray(Long[]::new);
            Map<Long, ConsensusPageRepository.Item> items = ConsensusPageRepository.items(tx, projectId, ids);
            List<ConsensusPage.Row> rows = new ArrayList<>();
            for (int i : page) {
                ConsensusPageRepository.Item item = items.get(c.answers().itemId(i));
                if (item != null) { // an item deleted since the answers were read is left out
                    rows.add(new ConsensusPage.Row(c.answers().itemId(i), item.externalId(), item.dataJson(),
                            ic, i));
                }
            }
            return new ConsensusPage(projectId, q.method().key(), n, chosen.size(), offset, limit, rows);
        }));
    }

    /** The chosen label's confidence (the least over a multi schema's labels); NaN when unresolved. */
    private static double confidence(ItemConsensus ic, int parts, int item) {
        double least = 1;
        for (int k = 0; k < parts; k++) {
            Consensus part = ic.part(k);
            if (part.label()[item] < 0) {
                return Double.NaN;
            }
            least = Math.min(least, part.confidence(item));
        }
        return least;
    }
}
