package dev.kappa.web;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.util.List;

/**
 * What an engineer does in the browser alone to set a project up: the new-project form, members by email or external
 * worker id, uploads of items and predictions. Shared by the set-up test and the pages test, which starts from a
 * project made this way.
 */
final class ConsoleSetUp {
    record Label(String key, String name, String hotkey) {
    }

    private ConsoleSetUp() {
    }

    /**
     * Fills and saves the new-project form; returns the new project's id once its members page is drawn.
     * {@code beforeSave} (may be null) checks the filled form, for example the instructions' live preview.
     */
    static long createProject(Browser b, String name, List<Label> labels, int crowd, int expert, String instructions,
                              Runnable beforeSave) {
        b.find("#new-project").click();
        type(b.until(d -> d.findElement(By.cssSelector("#project-form input[name=name]"))), name);
        while (b.count("#label-rows .label-row") < labels.size()) {
            b.find("#add-label").click();
        }
        List<WebElement> keys = b.driver.findElements(By.cssSelector("#label-rows input[name=label-key]"));
        List<WebElement> names = b.driver.findElements(By.cssSelector("#label-rows input[name=label-name]"));
        List<WebElement> hotkeys = b.driver.findElements(By.cssSelector("#label-rows input[name=label-hotkey]"));
        for (int i = 0; i < labels.size(); i++) {
            type(keys.get(i), labels.get(i).key());
            type(names.get(i), labels.get(i).name());
            if (labels.get(i).hotkey() != null) {
                type(hotkeys.get(i), labels.get(i).hotkey());
            }
        }
        type(b.find("input[name=overlap_crowd]"), String.valueOf(crowd));
        type(b.find("input[name=overlap_expert]"), String.valueOf(expert));
        type(b.find("textarea[name=instructions]"), instructions);
        if (beforeSave != null) {
            beforeSave.run();
        }
        b.find("#save-project").click();
        b.until(d -> d.getCurrentUrl().matches(".*#/manage/\\d+/members$"));
        long project = Long.parseLong(b.driver.getCurrentUrl().replaceAll(".*#/manage/(\\d+)/members$", "$1"));
        waitText(b, "#console-project-name", name); // the URL changes before the project's frame is drawn
        return project;
    }

    /** On the members page: adds someone by "email" or "external_id" and waits until the table counts them. */
    static void addMember(Browser b, String by, String who, int membersAfter) {
        b.until(d -> d.findElement(By.cssSelector("#member-who")));
        new Select(b.find("#member-by")).selectByValue(by);
        type(b.find("#member-who"), who);
        b.find("#add-member").click();
        waitText(b, "#members-table caption", membersAfter + (membersAfter == 1 ? " member" : " members"));
    }

    /** On the project's data tab: uploads a file of items and waits for the server's answer. */
    static void uploadItems(Browser b, Path file) {
        openDataTab(b);
        new Select(b.find("#upload-kind")).selectByValue("items");
        b.find("#upload-file").sendKeys(file.toString());
        waitText(b, "#upload-status", file.getFileName() + ": imported");
    }

    /** On the project's data tab: uploads a model run's predictions. */
    static void uploadPredictions(Browser b, Path file, String model, String version) {
        openDataTab(b);
        new Select(b.find("#upload-kind")).selectByValue("predictions");
        type(b.find("#upload-model"), model);
        type(b.find("#upload-version"), version);
        b.find("#upload-file").sendKeys(file.toString());
        waitText(b, "#upload-status", file.getFileName() + ": imported");
    }

    private static void openDataTab(Browser b) {
        if (b.count("#upload-file") == 0) {
            b.find(".tabs a[data-tab='data']").click();
            b.until(d -> d.findElement(By.cssSelector("#upload-file")));
        }
    }

    static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    /** The element's text read in the page (never stale while the page redraws), or null when it is absent. */
    static String textOf(Browser b, String css) {
        return (String) b.script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null", css);
    }

    static void waitText(Browser b, String css, String contains) {
        b.until(d -> {
            String t = textOf(b, css);
            return t != null && t.contains(contains);
        });
    }
}
