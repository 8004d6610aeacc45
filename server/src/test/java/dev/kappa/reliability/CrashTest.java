package dev.kappa.reliability;

import dev.kappa.support.ServerProcess;
import dev.kappa.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 one of two server processes under load (issue 15). Clients fail over to the other process with the same
 * lease, as the labeling screen's outbox does; leases granted by the dead process come back at expiry. The longer run
 * (more annotators and items, a kill every few seconds) is bench/reliability/crash.sh.
 */
class CrashTest {
    /** bench/reliability/*.sh runs the same test longer: -Dkappa.reliability.items, .annotators, .rounds. */
    static final int ITEMS = Integer.getInteger("kappa.reliability.items", 40);
    static final int ANNOTATORS = Integer.getInteger("kappa.reliability.annotators", 8);
    static final int ROUNDS = Integer.getInteger("kappa.reliability.rounds", 1);
    static final int OVERLAP = 2;

    @Test
    @DisplayName("kill -9 of one of two processes under load: 0 acknowledged answers lost, 0 duplicates, exact overlap")
    void killOneOfTwo() throws Exception {
        Map<String, String> env = Map.of("KAPPA_DB_POOL_SIZE", "6");
        try (TestServer a = TestServer.start(env)) {
            ServerProcess b = ServerProcess.start(a.databaseUrl(), env);
            try {
                long p = Fixtures.project(a, ITEMS, OVERLAP);
                List<String> tokens = Fixtures.annotators(a, p, ANNOTATORS);
                int[] ports = {a.port(), b.port()};
                Annotators load = new Annotators().start(tokens, p, () -> ports[ThreadLocalRandom.current().nextInt(2)]);
                for (int round = 1; round <= ROUNDS; round++) {
                    long t0 = System.nanoTime();
                    while (load.acknowledged.size() < 20 * round && System.nanoTime() - t0 < 30_000_000_000L) {
                        Thread.sleep(20);
                    }
                    b.kill();
                    if (round < ROUNDS) {
                        Thread.sleep(1000);
                        b = ServerProcess.start(a.databaseUrl(), ports[1], env); // back where its clients expect it
                    }
                }
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!Fixtures.complete(a.databaseUrl(), p, ITEMS, OVERLAP) && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                Thread.sleep(300); // let the last acknowledgements arrive
                load.stopAndJoin();
                System.out.printf("CrashTest: %d rounds, %d acknowledged answers, %d connection failures, %d refused after their lease "
                        + "expired, statuses %s%n", ROUNDS, load.acknowledged.size(), load.connectionFailures.get(),
                        load.expiredBeforeAnswer.get(), load.statuses);
                assertTrue(load.unexpected.isEmpty(), "unexpected responses: " + load.unexpected);
                assertTrue(load.connectionFailures.get() > 0, "the killed process was never hit: the test proved nothing");
                Fixtures.assertExact(a.databaseUrl(), p, ITEMS, OVERLAP, load);
            } finally {
                b.close();
            }
        }
    }
}
