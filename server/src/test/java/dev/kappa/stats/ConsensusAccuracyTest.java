package dev.kappa.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dawid-Skene against majority vote, on simulated annotators and on public crowd sets with gold. */
class ConsensusAccuracyTest {

    /** Answers plus gold per item (-1 where there is none). Gold is only used to score, never as input. */
    record WithGold(Ratings ratings, int[] gold) {
    }

    /**
     * Majority-vote accuracy averaged over random tie-breaks (the README's convention): a tie among t labels
     * that contains the gold label scores 1/t.
     */
    static double majorityAccuracy(WithGold d) {
        Consensus mv = MajorityVote.of(d.ratings());
        double score = 0;
        int n = 0;
        for (int i = 0; i < d.gold.length; i++) {
            if (d.gold[i] < 0 || d.ratings().answersOn(i) == 0) {
                continue;
            }
            n++;
            double max = 0;
            for (int c = 0; c < mv.nClasses(); c++) {
                max = Math.max(max, mv.support(i, c));
            }
            int tied = 0;
            for (int c = 0; c < mv.nClasses(); c++) {
                tied += mv.support(i, c) == max ? 1 : 0;
            }
            score += mv.support(i, d.gold[i]) == max ? 1.0 / tied : 0;
        }
        return score / n;
    }

    static double accuracy(Consensus c, WithGold d) {
        int correct = 0;
        int n = 0;
        for (int i = 0; i < d.gold.length; i++) {
            if (d.gold[i] >= 0 && d.ratings().answersOn(i) > 0) {
                n++;
                correct += c.label()[i] == d.gold[i] ? 1 : 0;
            }
        }
        return (double) correct / n;
    }

    static WithGold load(String set) {
        List<String[]> answers;
        List<String[]> truth;
        if (set.equals("web") || set.equals("trec")) {
            answers = SharedData.rows("crowd_" + set + "/" + set + "_crowd.txt", "\\s+");
            truth = SharedData.rows("crowd_" + set + "/" + set + "_truth.txt", "\\s+");
        } else {
            answers = SharedData.rows("crowd_" + set + "/answer.csv", ",");
            answers = answers.subList(1, answers.size());
            truth = SharedData.rows("crowd_" + set + "/truth.csv", ",");
            truth = truth.subList(1, truth.size());
        }
        List<String> levels = new ArrayList<>();
        answers.forEach(r -> levels.add(r[2]));
        truth.forEach(r -> levels.add(r[1]));
        List<String> sorted = levels.stream().distinct().sorted().toList();
        SharedData.Named d = SharedData.longFormat(answers, 0, 1, 2, sorted);
        int[] gold = new int[d.loaded().ratings().nItems()];
        Arrays.fill(gold, -1);
        for (String[] t : truth) {
            Integer item = d.items().get(t[0]);
            if (item != null) {
                gold[item] = sorted.indexOf(t[1]);
            }
        }
        return new WithGold(d.loaded().ratings(), gold);
    }

    @ParameterizedTest(name = "{0}: majority {1}, Dawid-Skene at least that")
    @DisplayName("on crowd sets with gold, majority vote reproduces the README's accuracy and Dawid-Skene does at least as well (measured: duck .898, dog .843, face .640, web .826, trec .702)")
    @CsvSource({"dog, 0.822", "web, 0.731", "duck, 0.759", "face, 0.637", "trec, 0.651"})
    void crowdSets(String set, double publishedMajority) {
        WithGold d = load(set);
        assertEquals(publishedMajority, majorityAccuracy(d), 5e-4, set + " majority accuracy");
        DawidSkene.Result ds = DawidSkene.fit(d.ratings());
        assertTrue(ds.converged(), set + " did not converge");
        double acc = accuracy(ds.consensus(), d);
        assertTrue(acc >= publishedMajority, set + ": Dawid-Skene " + acc + " below majority " + publishedMajority);
    }

    /**
     * 600 items, 3 classes with priors .5/.3/.2, 12 annotators with known confusion matrices: 3 reliable
     * (90% correct), 5 mediocre (60%), 4 biased ones that answer class 0 for 70% of everything; 5 answers
     * per item from random distinct annotators.
     */
    static WithGold simulate(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int items = 600;
        int k = 3;
        double[][][] conf = new double[12][k][k];
        for (int a = 0; a < 12; a++) {
            for (int t = 0; t < k; t++) {
                for (int l = 0; l < k; l++) {
                    if (a < 3) {
                        conf[a][t][l] = t == l ? 0.9 : 0.05;
                    } else if (a < 8) {
                        conf[a][t][l] = t == l ? 0.6 : 0.2;
                    } else {
                        conf[a][t][l] = l == 0 ? 0.7 : 0.15;
                    }
                }
            }
        }
        RatingsBuilder b = Ratings.builder(k);
        int[] gold = new int[items];
        for (int i = 0; i < items; i++) {
            double u = rng.nextDouble();
            gold[i] = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
            int[] anns = rng.ints(0, 12).distinct().limit(5).toArray();
            for (int a : anns) {
                double v = rng.nextDouble();
                int l = 0;
                while (l < k - 1 && v >= conf[a][gold[i]][l]) {
                    v -= conf[a][gold[i]][l];
                    l++;
                }
                b.add(i, a, l);
            }
        }
        return new WithGold(b.build(items, 12), gold);
    }

    @Test
    @DisplayName("on data simulated from known confusion matrices, Dawid-Skene beats majority vote and recovers the matrices")
    void simulated() {
        WithGold d = simulate(42);
        DawidSkene.Result ds = DawidSkene.fit(d.ratings());
        assertTrue(ds.converged());
        double dsAcc = accuracy(ds.consensus(), d);
        double mvAcc = majorityAccuracy(d);
        assertTrue(dsAcc > mvAcc + 0.03, "Dawid-Skene " + dsAcc + " vs majority " + mvAcc);
        // reliable annotators' diagonals are estimated near 0.9, biased ones answer class 0 about 70%
        for (int t = 0; t < 3; t++) {
            assertEquals(0.9, ds.confusion(0, t, t), 0.1, "reliable annotator, class " + t);
            assertEquals(0.7, ds.confusion(10, t, 0), 0.15, "biased annotator, class " + t);
        }
    }
}
