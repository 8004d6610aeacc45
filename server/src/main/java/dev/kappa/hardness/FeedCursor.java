package dev.kappa.hardness;

import dev.kappa.error.Problems;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in a run's hard-case feed: "{seq}:{item_id}", the last row served, in the order rows are served (feed
 * number, then item id). "0" is the beginning. See V050 for why a row committed late is never skipped.
 */
public record FeedCursor(long seq, long itemId) implements Comparable<FeedCursor> {
    public static final FeedCursor START = new FeedCursor(0, 0);
    private static final Pattern FORM = Pattern.compile("(\\d{1,18}):(\\d{1,18})");

    /** Parses the {@code since} parameter; 400 naming it when malformed. */
    public static FeedCursor parse(String text) {
        if (text.equals("0")) {
            return START;
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw Problems.badRequest("since", "must be 0 or a cursor {seq}:{item_id} as returned in next_cursor");
        }
        return new FeedCursor(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    /** Every row numbered below {@code bound} has been served (item ids are positive, so none at it has). */
    public static FeedCursor before(long bound) {
        return new FeedCursor(bound, 0);
    }

    @Override
    public int compareTo(FeedCursor o) {
        int c = Long.compare(seq, o.seq);
        return c != 0 ? c : Long.compare(itemId, o.itemId);
    }

    @Override
    public String toString() {
        return seq + ":" + itemId;
    }
}
