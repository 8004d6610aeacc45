package dev.kappa.project;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;

/**
 * Instructions are Markdown written by engineers and shown to annotators, so the HTML must be safe to insert into a
 * page: raw HTML in the source is escaped, never passed through, and link and image URLs keep only the schemes
 * http, https and mailto (and relative URLs). CommonMark's default sanitiser also keeps {@code data:}, which can carry
 * an HTML page or SVG with script to a click, so the list is given here.
 */
final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto"))).build();

    private Markdown() {
    }

    static String toSafeHtml(String markdown) {
        return markdown == null || markdown.isEmpty() ? "" : RENDERER.render(PARSER.parse(markdown));
    }
}
