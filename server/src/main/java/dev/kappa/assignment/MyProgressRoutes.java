package dev.kappa.assignment;

import dev.kappa.http.Access;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;

/** The calling annotator's own progress in a project, shown on their project list. */
public final class MyProgressRoutes implements ApiRouter.Routes {
    private final MyProgressService progress;

    public MyProgressRoutes(MyProgressService progress) {
        this.progress = progress;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("getMyProgress", ctx -> progress.myProgress(Access.caller(ctx), Input.pathId(ctx, "id", "project"))
                .onSuccess(p -> Responses.json(ctx, 200, p)).onFailure(ctx::fail));
    }
}
