package dev.kappa.web;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.List;

/** Console helpers on top of {@link Browser}: log in as anyone, wait for a page, read what was requested. */
final class ConsoleBrowser {
    private ConsoleBrowser() {
    }

    /** Logs in with the keyboard alone and waits until the home page (console or "My projects") is drawn. */
    static void logIn(Browser b, String email, String password) {
        // A fresh start: no session cookie, a fresh page (the app holds who is logged in in memory).
        b.get("/favicon.ico");
        b.driver.manage().deleteAllCookies();
        b.get("/#/login");
        b.driver.navigate().refresh();
        b.until(d -> "email".equals(d.switchTo().activeElement().getAttribute("id")));
        b.keys(email, Keys.TAB, password, Keys.ENTER);
        b.until(d -> !d.findElements(By.cssSelector("#project-list, #projects-table, .console-home")).isEmpty());
    }

    /** Opens a hash route and waits for a selector to appear. */
    static WebElement open(Browser b, String hash, String css) {
        b.script("location.hash = arguments[0]", hash);
        return b.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** The paths this page has requested from /api/ since it was loaded (the browser's resource timing list). */
    @SuppressWarnings("unchecked")
    static List<String> apiRequests(Browser b) {
        return (List<String>) b.script("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
                + ".filter(p => p.startsWith('/api/'))");
    }

    static String focusedText(Browser b) {
        return b.driver.switchTo().activeElement().getText();
    }
}
