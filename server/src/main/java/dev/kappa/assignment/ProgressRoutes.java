package dev.kappa.assignment;

import dev.kappa.http.Access;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;

/** Labeling progress of a project, for its engineers. */
public final class ProgressRoutes implements ApiRouter.Routes {
    private final ProgressService progress;

    public ProgressRoutes(ProgressService progress) {
        this.progress = progress;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("getProjectProgress", ctx -> progress.progress(Access.caller(ctx), Input.pathId(ctx, "id", "project"))
                .onSuccess(p -> Responses.json(ctx, 200, p)).onFailure(ctx::fail));
    }
}
