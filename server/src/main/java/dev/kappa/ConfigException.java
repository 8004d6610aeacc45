package dev.kappa;

/** A bad setting: the message is one line that names the environment variable. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
