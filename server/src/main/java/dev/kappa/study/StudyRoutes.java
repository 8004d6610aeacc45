package dev.kappa.study;

import dev.kappa.http.Query;
import dev.kappa.assignment.LeaseId;
import dev.kappa.auth.Tier;
import dev.kappa.http.Access;
import dev.kappa.auth.Principal;
import dev.kappa.error.Problems;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Input;
import dev.kappa.http.Responses;
import io.vertx.core.json.JsonObject;
import dev.kappa.http.Operations;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
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
    public void mount(Operations operations) {
        operations.handle("createBaselineStudy", this::create);
        operations.handle("listBaselineStudies", this::list);
        operations.handle("getBaselineStudy", this::get);
        operations.handle("updateBaselineStudy", this::update);
        operations.handle("getBaselineStudyReport", this::report);
        operations.handle("getTrainingFeedback", this::feedback);
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
        StudyStatus status = StudyStatus.of(in.string("status"));
        String name = in.string("name");
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
        String format = Query.from(ctx).value("format"); // json, markdown or latex (the contract's enum)
        format = format == null ? "json" : format;
        Integer resamples = Input.queryInt(ctx, "resamples");
        Long seedGiven = Query.from(ctx).whole("seed");
        long seed = seedGiven == null ? 19L : seedGiven;
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
        LeaseId lease = LeaseId.parse(Input.path(ctx, "leaseId"));
        studies.feedback(caller, lease).onSuccess(f -> Responses.json(ctx, 200, f)).onFailure(ctx::fail);
    }

    private static void text(RoutingContext ctx, String type, String body) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", type).end(body);
    }

    /** The contract (BaselineStudyRequest) has checked types, ranges and required fields; the pass rule's field is left. */
    static StudyRequest request(Input in) {
        String rule = in.string("pass_rule");
        rule = rule == null ? "median" : rule;
        Double accuracy = in.number("pass_accuracy");
        if (accuracy == null && "fixed".equals(rule)) {
            throw Problems.invalid("pass_accuracy", "is required with pass_rule fixed");
        }
        if (accuracy != null && !"fixed".equals(rule)) {
            throw Problems.invalid("pass_accuracy", "applies to pass_rule fixed only");
        }
        Integer quorum = in.integer("qualification_quorum");
        String sampling = in.string("sampling");
        JsonObject pay = in.object("pay");
        Long seed = in.has("seed") ? in.json().getLong("seed") : null;
        return new StudyRequest(in.string("name"), Tier.of(in.string("tier")), in.integer("training_n"), in.integer("qualification_m"),
                in.integer("measurement_k"), in.integer("votes_v"), rule, accuracy, quorum == null ? 1 : quorum,
                sampling == null ? "random" : sampling, seed == null ? ThreadLocalRandom.current().nextLong(1L << 53) : seed,
                pay == null ? null : pay.getString("unit"), pay == null ? null : pay.getDouble("amount"),
                pay == null ? null : pay.getString("currency"));
    }
}
