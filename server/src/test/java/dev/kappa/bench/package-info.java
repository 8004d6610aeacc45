/**
 * Benchmarks, not tests: main classes that bench/*.sh run from the compiled test classes (their figures go into
 * BENCHMARKS.md), and that surefire never picks up (no *Test names). They measure across packages, so they stay here.
 */
package dev.kappa.bench;
