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

/** Project membership, managed by engineers and admins. */
public final class MemberRoutes implements ApiRouter.Routes {
    /** {@code next_after} only when the page is full (there may be more). */
    record Page(List<Member> members, @JsonInclude(JsonInclude.Include.NON_NULL) Long nextAfter) {
    }

    private final MemberService members;

    public MemberRoutes(MemberService members) {
        this.members = members;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("addProjectMember", this::add);
        operations.handle("listProjectMembers", this::list);
        operations.handle("pauseProjectMember", this::patch);
        operations.handle("removeProjectMember", this::remove);
    }

    private void add(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        Input in = Input.body(ctx);
        // Exactly one way to name the person: their id, their email, or the external worker id another tool knows.
        Long userId = in.json().containsKey("user_id") ? Long.valueOf(in.integer("user_id")) : null;
        String email = in.string("email");
        String externalId = in.string("external_id");
        int given = (userId != null ? 1 : 0) + (email != null ? 1 : 0) + (externalId != null ? 1 : 0);
        if (given != 1) {
            throw Problems.invalid(given == 0 ? "user_id" : (userId != null ? "email" : "external_id"),
                    given == 0 ? "is required (or email, or external_id)" : "give only one of user_id, email and external_id");
        }
        members.add(p, projectId, new MemberService.Who(userId, email, externalId))
                .onSuccess(a -> Responses.json(ctx, a.created() ? 201 : 200, a.member())).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        Paging paging = Paging.of(Query.from(ctx));
        members.page(p, projectId, paging).onSuccess(page -> Responses.json(ctx, 200,
                new Page(page, page.size() == paging.limit() ? page.get(page.size() - 1).userId() : null))).onFailure(ctx::fail);
    }

    private void patch(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        long userId = Input.pathId(ctx, "userId", "member");
        String status = Input.body(ctx).string("status"); // paused or active (the contract's enum)
        members.pause(p, projectId, userId, status.equals("paused")).onSuccess(m -> Responses.json(ctx, 200, m)).onFailure(ctx::fail);
    }

    private void remove(RoutingContext ctx) {
        Principal p = Access.caller(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        long userId = Input.pathId(ctx, "userId", "member");
        members.remove(p, projectId, userId).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }
}
