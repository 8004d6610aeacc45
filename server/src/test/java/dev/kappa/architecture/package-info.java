/**
 * Tests of the server's shape as a whole, not of one feature: the floors (routes over services over repositories),
 * no package cycles, no feature calling another's routes. They read the compiled main classes, so they belong to
 * no main package; every other test class lives in the package of the main code it tests.
 */
package dev.kappa.architecture;
