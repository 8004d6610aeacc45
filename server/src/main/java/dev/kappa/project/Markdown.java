package dev.kappa.project;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Instructions are Markdown written by engineers and shown to annotators, so the HTML must be safe to insert into a
 * page: raw HTML in the source is escaped, never passed through, and link and image URLs with unsafe schemes
 * (javascript:, data: ...) are dropped by CommonMark's URL sanitiser.
 */
final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private Markdown() {
    }

    static String toSafeHtml(String markdown) {
        return markdown == null || markdown.isEmpty() ? "" : RENDERER.render(PARSER.parse(markdown));
    }
}
