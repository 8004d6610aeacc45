package dev.kappa.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Registered for every test class (junit-platform.properties, autodetection): fails the class when any answer it
 * received differed from openapi.yaml, also when the AssertionError was thrown on a thread that nobody joined.
 */
public final class ContractExtension implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        List<ResponseContract.Mismatch> seen = ResponseContract.drain();
        if (!seen.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " received answers that differ from openapi.yaml:\n  "
                    + seen.stream().distinct().map(Object::toString).collect(Collectors.joining("\n  ")));
        }
    }
}
