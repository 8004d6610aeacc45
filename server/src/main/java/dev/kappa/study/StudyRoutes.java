package dev.kappa.study;

import dev.kappa.assignment.LeaseId;
import dev.kappa.auth.Tier;
import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Baseline studies (issue 19): create, list, read, stop or resume, report card, and a training answer's feedback. */
public final class StudyRoutes implements ApiRouter.Routes {
    record Studies(List<StudyView> studies) {
    }

    private final StudyService studies;
    private final StudyReports reports;

    public StudyRoutes(StudyService studies, StudyReports reports) {
        this.studies = studies;
        this.reports = reports;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/projects/:id/baseline-studies").handler(this::create);
        router.get("/api/projects/:id/baseline-studies").handler(this::list);
        router.get("/api/projects/:id/baseline-studies/:sid").handler(this::get);
        router.patch("/api/projects/:id/baseline-studies/:sid").handler(this::update);
        router.get("/api/projects/:id/baseline-studies/:sid/report").handler(this::report);
        router.get("/api/leases/:leaseId/feedback").handler(this::feedback);
    }

    private void create(RoutingContext ctx) {
        Principal caller = Access.manager(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        StudyRequest r = request(Input.body(ctx));
        studies.create(caller, projectId, r).onSuccess(s -> Responses.json(ctx, 201, StudyView.of(s))).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal caller = Access.manager(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        studies.list(caller, projectId).onSuccess(all -> Responses.json(ctx, 200,
                new Studies(all.stream().map(StudyView::of).toList()))).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Principal caller = Access.manager(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        long studyId = Input.pathId(ctx, "sid", "baseline study");
        studies.get(caller, projectId, studyId).onSuccess(s -> Responses.json(ctx, 200, StudyView.of(s))).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Principal caller = Access.manager(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        long studyId = Input.pathId(ctx, "sid", "baseline study");
        Input in = Input.body(ctx);
        StudyStatus status = StudyStatus.of(in.oneOf("status", false, StudyStatus.LITERALS));
        String name = text(in, "name", false, 200);
        if (status == null && name == null) {
            throw Problems.invalid("status", "give status (running or stopped) or name");
        }
        studies.update(caller, projectId, studyId, status, name).onSuccess(s -> Responses.json(ctx, 200, StudyView.of(s)))
                .onFailure(ctx::fail);
    }

    private void report(RoutingContext ctx) {
        Principal caller = Access.manager(ctx);
        long projectId = Input.pathId(ctx, "id", "project");
        long studyId = Input.pathId(ctx, "sid", "baseline study");
        String format = ctx.queryParams().get("format");
        format = format == null || format.isBlank() ? "json" : format;
        if (!Set.of("json", "markdown", "latex").contains(format)) {
            throw Problems.badRequest("format", "must be json, markdown or latex");
        }
        Integer resamples = Input.queryInt(ctx, "resamples", 100, 20_000);
        String seedText = ctx.queryParams().get("seed");
        long seed;
        try {
            seed = seedText == null || seedText.isBlank() ? 19L : Long.parseLong(seedText.trim());
        } catch (NumberFormatException e) {
            throw Problems.badRequest("seed", "must be a whole number between -2^63 and 2^63 - 1");
        }
        String f = format;
        reports.report(caller, projectId, studyId, resamples == null ? 2000 : resamples, seed).onSuccess(r -> {
            switch (f) {
                case "markdown" -> text(ctx, "text/markdown; charset=utf-8", ReportText.markdown(r));
                case "latex" -> text(ctx, "application/x-latex; charset=utf-8", ReportText.latex(r));
                default -> Responses.json(ctx, 200, ReportView.of(r));
            }
        }).onFailure(ctx::fail);
    }

    private void feedback(RoutingContext ctx) {
        Principal caller = Access.caller(ctx);
        LeaseId lease = LeaseId.parse(ctx.pathParam("leaseId"));
        studies.feedback(caller, lease).onSuccess(f -> Responses.json(ctx, 200, f)).onFailure(ctx::fail);
    }

    private static void text(RoutingContext ctx, String type, String body) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", type).end(body);
    }

    static StudyRequest request(Input in) {
        String name = text(in, "name", true, 200);
        Tier tier = Tier.of(in.oneOf("tier", true, Tier.LITERALS));
        int n = in.integer("training_n", true, 0, 1000);
        int m = in.integer("qualification_m", true, 0, 1000);
        int k = in.integer("measurement_k", true, 1, 100_000);
        int v = in.integer("votes_v", true, 1, 100);
        String rule = in.oneOf("pass_rule", false, Set.of("fixed", "median"));
        rule = rule == null ? "median" : rule;
        Double accuracy = in.number("pass_accuracy", "fixed".equals(rule), 0, 1);
        if (accuracy != null && !"fixed".equals(rule)) {
            throw Problems.invalid("pass_accuracy", "applies to pass_rule fixed only");
        }
        Integer quorum = in.integer("qualification_quorum", false, 1, 10_000);
        String sampling = in.oneOf("sampling", false, Set.of("random", "stratified"));
        Double seed = in.number("seed", false, -9_007_199_254_740_991d, 9_007_199_254_740_991d);
        if (seed != null && seed != Math.rint(seed)) {
            throw Problems.invalid("seed", "must be a whole number");
        }
        JsonObject pay = in.object("pay", false);
        String unit = null;
        Double amount = null;
        String currency = null;
        if (pay != null) {
            Input p = Input.of(pay);
            unit = prefixed(() -> p.oneOf("unit", true, Set.of("hour", "item")));
            amount = prefixed(() -> p.number("amount", true, 0, 1e9));
            currency = prefixed(() -> text(p, "currency", false, 8));
        }
        return new StudyRequest(name, tier, n, m, k, v, rule, accuracy, quorum == null ? 1 : quorum,
                sampling == null ? "random" : sampling, seed == null ? ThreadLocalRandom.current().nextLong(1L << 53) : seed.longValue(),
                unit, amount, currency);
    }

    /** A string without NUL characters (PostgreSQL text cannot hold them). */
    private static String text(Input in, String field, boolean required, int max) {
        String s = in.string(field, required, max);
        if (s != null && s.indexOf('\0') >= 0) {
            throw Problems.invalid(field, "must not contain NUL characters");
        }
        return s;
    }

    /** Names a nested field of {@code pay} as pay.unit etc. */
    private static <T> T prefixed(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (dev.kappa.error.ApiException e) {
            String field = e.field() == null ? "pay" : "pay." + e.field();
            throw Problems.invalid(field, e.getMessage().substring(e.getMessage().indexOf(':') + 1).trim());
        }
    }
}
