/**
 * The browser UI (the web/ module) in a real headless Chromium against a real server: the labeling and study
 * screens, the console pages, the docs page, and a server cut mid-labeling. The UI is no Java package of its own, so
 * its tests live here, with their Selenium helpers (Browser, ConsoleBrowser, ConsoleSetUp, Fixtures) and the console
 * page benchmark that bench/console/run.sh runs by this package's name.
 */
package dev.kappa.web;
