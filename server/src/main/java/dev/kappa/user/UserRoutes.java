package dev.kappa.user;

import dev.kappa.http.Query;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kappa.auth.AccountStatus;
import dev.kappa.auth.Tier;
import dev.kappa.http.Access;
import dev.kappa.auth.Passwords;
import dev.kappa.auth.Role;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Admin-only management of people: create, list, change role, tier and status. */
public final class UserRoutes implements ApiRouter.Routes {
    /** {@code next_after} only when the page is full (there may be more). */
    record Page(List<UserView.Listed> users, @JsonInclude(JsonInclude.Include.NON_NULL) Long nextAfter) {
    }

    /** Deliberately simple: one @, a dot in the domain, no spaces. Real validation is the confirmation mail. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final UserService users;

    public UserRoutes(UserService users) {
        this.users = users;
    }

    @Override
    public void mount(Operations operations) {
        operations.handle("createUser", this::create);
        operations.handle("listUsers", this::list);
        operations.handle("updateUser", this::change);
    }

    private void create(RoutingContext ctx) {
        Access.admin(ctx);
        Input in = Input.body(ctx);
        String email = in.string("email");
        String externalId = in.string("external_id");
        if (email == null && externalId == null) {
            throw Problems.invalid("email", "is required (or external_id, for an external worker)");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw Problems.invalid("email", "is not a valid email address");
        }
        Role role = Role.of(in.string("role"));
        Tier tier = Tier.of(in.string("tier"));
        String password = in.string("password");
        if (password != null) {
            Passwords.check("password", password);
        } else if (email != null && externalId == null) {
            throw Problems.invalid("password", "is required for a user who logs in by email");
        }
        String name = in.string("display_name");
        users.create(new UserService.NewUser(email, name, role, tier, externalId, password))
                .onSuccess(u -> Responses.json(ctx, 201, u)).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Access.admin(ctx);
        Integer after = Input.queryInt(ctx, "after");
        Integer limit = Input.queryInt(ctx, "limit");
        String role = Query.from(ctx).value("role");
        int n = limit == null ? 100 : limit;
        users.page(after == null ? 0 : after, n, Role.of(role)).onSuccess(page -> {
            Responses.json(ctx, 200, new Page(page, page.size() == n ? page.get(n - 1).user().id() : null));
        }).onFailure(ctx::fail);
    }

    private void change(RoutingContext ctx) {
        Access.admin(ctx);
        long id = Input.pathId(ctx, "id", "user");
        Input in = Input.body(ctx);
        UserService.Change c = new UserService.Change(Role.of(in.string("role")), Tier.of(in.string("tier")),
                AccountStatus.of(in.string("status")), in.string("display_name"));
        users.change(id, c).onSuccess(u -> Responses.json(ctx, 200, u)).onFailure(ctx::fail);
    }
}
