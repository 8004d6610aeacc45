package dev.kappa.assignment;

/**
 * A task as next-task shows it: the project's own {@link TaskView}, or a study's task from another {@link TaskSource}.
 * Each is a record, written by the one record mapper with its own keys.
 */
public interface Task {
}
