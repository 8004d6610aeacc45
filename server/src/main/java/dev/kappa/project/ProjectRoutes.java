package dev.kappa.project;

import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Query;
import dev.kappa.http.Responses;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** Projects: engineers and admins create and change them; everyone lists and reads the ones they may see. */
public final class ProjectRoutes implements ApiRouter.Routes {
    /** {@code next_after} only when the page is full (there may be more). */
    record Page(List<ProjectView> projects, @JsonInclude(JsonInclude.Include.NON_NULL) Long nextAfter) {
    }

    record Preview(String html) {
    }

    private final ProjectService projects;

    public ProjectRoutes(ProjectService projects) {
        this.projects = projects;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("createProject", this::create);
        operations.handle("listProjects", this::list);
        operations.handle("getProject", this::get);
        operations.handle("updateProject", this::update);
        operations.handle("deleteProject", this::delete);
        operations.handle("archiveProject", this::archive);
        operations.handle("restoreProject", this::restore);
        operations.handle("previewMarkdown", this::preview);
    }

    private void create(RoutingContext ctx) {
        Principal p = Access.manager(ctx);
        ProjectSettings settings = ProjectSettings.read(Input.body(ctx), true);
        projects.create(p, settings).onSuccess(j -> Responses.json(ctx, 201, j)).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        Paging paging = Paging.of(Query.from(ctx));
        ProjectService.Archived archived = archivedParam(Query.from(ctx).value("archived"));
        projects.page(p, paging, archived).onSuccess(page -> Responses.json(ctx, 200,
                new Page(page, page.size() == paging.limit() ? page.get(page.size() - 1).id() : null))).onFailure(ctx::fail);
    }

    private static ProjectService.Archived archivedParam(String v) {
        if (v == null || v.equals("exclude")) {
            return ProjectService.Archived.EXCLUDE;
        }
        return switch (v) {
            case "only" -> ProjectService.Archived.ONLY;
            default -> ProjectService.Archived.INCLUDE; // the contract's enum: exclude, only or include
        };
    }

    /** The instructions' HTML exactly as annotators will get it (same renderer), for the editor's live preview. */
    private void preview(RoutingContext ctx) {
        Access.manager(ctx);
        Input in = Input.body(ctx);
        if (!in.json().containsKey("markdown")) {
            throw Problems.invalid("markdown", "is required");
        }
        String markdown = in.string("markdown");
        Responses.json(ctx, 200, new Preview(Markdown.toSafeHtml(markdown == null ? "" : markdown)));
    }

    private void archive(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        projects.archive(p, id).onSuccess(j -> Responses.json(ctx, 200, j)).onFailure(ctx::fail);
    }

    private void restore(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        projects.restore(p, id).onSuccess(j -> Responses.json(ctx, 200, j)).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        String confirm = Query.from(ctx).raw("confirm"); // required, at most 200 characters (the contract)
        projects.delete(p, id, confirm).onSuccess(n -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        projects.get(p, id).onSuccess(j -> Responses.json(ctx, 200, j)).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long id = Input.pathId(ctx, "id", "project");
        ProjectSettings settings = ProjectSettings.read(Input.body(ctx), false);
        projects.update(p, id, settings).onSuccess(j -> Responses.json(ctx, 200, j)).onFailure(ctx::fail);
    }
}
