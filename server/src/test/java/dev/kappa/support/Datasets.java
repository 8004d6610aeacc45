package dev.kappa.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The public data in {@code shared/datasets/}, read at test time and never copied into the repository. Found by
 * walking up from the working directory; a missing folder fails the test with a message, it never skips.
 */
public final class Datasets {
    private Datasets() {
    }

    public static Path file(String relative) {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate)) {
                Path p = candidate.resolve(relative);
                if (!Files.isRegularFile(p)) {
                    fail("missing data file " + p + " (shared/datasets is incomplete)");
                }
                return p;
            }
        }
        return fail("shared/datasets not found walking up from " + dir
                + ": the public test data must sit beside the repository as ../shared/datasets (see its README.md)");
    }

    /** Non-blank lines split on {@code separator}, header included. */
    public static List<String[]> rows(String relative, String separator) {
        try {
            List<String[]> out = new ArrayList<>();
            for (String line : Files.readAllLines(file(relative))) {
                if (!line.isBlank()) {
                    out.add(line.trim().split(separator));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
