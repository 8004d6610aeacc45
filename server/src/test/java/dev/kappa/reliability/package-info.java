/**
 * Suites that test the whole server rather than one package: every documented operation fed bad input
 * ({@code FuzzTest}), every operation against every kind of caller ({@code AccessMatrixTest}), a server process
 * killed under load ({@code CrashTest}) and the database restarted under load ({@code DatabaseRestartTest}, on its own
 * embedded PostgreSQL). bench/reliability/*.sh run the last two and read their surefire reports by this package's name.
 */
package dev.kappa.reliability;
