/**
 * What the tests share: a real server per test class ({@link dev.kappa.support.TestServer}, also the JUnit extension
 * that starts and closes it), fresh databases ({@link dev.kappa.support.TestDatabases}), the HTTP client with its
 * contract check ({@link dev.kappa.support.Http}), and users, projects and data made through the API or straight in
 * the database ({@link dev.kappa.support.Users}, {@link dev.kappa.support.Projects}, {@link dev.kappa.support.ProjectData}).
 */
package dev.kappa.support;
