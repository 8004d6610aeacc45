package dev.kappa;

import dev.kappa.activity.ThroughputRoutes;
import dev.kappa.activity.ThroughputService;
import dev.kappa.assignment.AssignmentRoutes;
import dev.kappa.assignment.AssignmentService;
import dev.kappa.assignment.MyProgressRoutes;
import dev.kappa.assignment.MyProgressService;
import dev.kappa.assignment.ProgressRoutes;
import dev.kappa.assignment.ProgressService;
import dev.kappa.agreement.AgreementRoutes;
import dev.kappa.agreement.AgreementService;
import dev.kappa.session.SessionRoutes;
import dev.kappa.auth.AuthService;
import dev.kappa.baseline.BaselineRoutes;
import dev.kappa.baseline.BaselineService;
import dev.kappa.confusion.ConfusionRoutes;
import dev.kappa.confusion.ConfusionService;
import dev.kappa.consensus.ConsensusRoutes;
import dev.kappa.consensus.ConsensusService;
import dev.kappa.hardness.HardCaseRoutes;
import dev.kappa.hardness.HardCaseService;
import dev.kappa.hardness.HardnessRoutes;
import dev.kappa.hardness.HardnessService;
import dev.kappa.health.HealthRoutes;
import dev.kappa.http.ApiRouter;
import dev.kappa.item.ItemRoutes;
import dev.kappa.item.ItemService;
import dev.kappa.pairwise.PairwiseRoutes;
import dev.kappa.pairwise.PairwiseService;
import dev.kappa.policy.PolicyRoutes;
import dev.kappa.policy.PolicyService;
import dev.kappa.project.MemberRoutes;
import dev.kappa.project.MemberService;
import dev.kappa.project.ProjectRoutes;
import dev.kappa.project.ProjectService;
import dev.kappa.quality.QualityRoutes;
import dev.kappa.quality.QualityService;
import dev.kappa.review.ConsensusPageRoutes;
import dev.kappa.review.ConsensusPageService;
import dev.kappa.sql.Db;
import dev.kappa.token.TokenRoutes;
import dev.kappa.token.TokenService;
import dev.kappa.transfer.ExportRoutes;
import dev.kappa.transfer.ExportService;
import dev.kappa.transfer.ImportRoutes;
import dev.kappa.transfer.ImportService;
import dev.kappa.transfer.TransferLimit;
import dev.kappa.study.SampleSizeRoutes;
import dev.kappa.study.StudyReports;
import dev.kappa.study.StudyRoutes;
import dev.kappa.study.StudyService;
import dev.kappa.study.StudyTasks;
import dev.kappa.user.UserRoutes;
import dev.kappa.user.UserService;

import java.util.List;

/** Wiring: each feature's service over the shared Db, and its routes, in one readable list. */
final class Features {
    private Features() {
    }

    static List<ApiRouter.Routes> all(Db db, AppConfig config, dev.kappa.health.Readiness readiness,
                                      dev.kappa.metrics.Telemetry telemetry) {
        AuthService auth = new AuthService(db, new AuthService.Throttle(config.loginMaxFailures(),
                config.loginMaxFailuresPerAddress(), config.loginWindowSeconds(), config.sessionHours()));
        TransferLimit transfers = new TransferLimit(config.workerPoolSize());
        BaselineService baselines = new BaselineService(db);
        return List.of(
                new HealthRoutes(readiness),
                new dev.kappa.metrics.MetricsRoutes(telemetry, config.metricsAllow(), config.metricsToken(), config.trustedProxies()),
                new SessionRoutes(auth, config.cookieSecure(), dev.kappa.http.TrustedProxies.parse(config.trustedProxies())),
                new UserRoutes(new UserService(db)),
                new TokenRoutes(new TokenService(db)),
                new ProjectRoutes(new ProjectService(db, dev.kappa.assignment.SlotSync::project)),
                new MemberRoutes(new MemberService(db)),
                new dev.kappa.project.ManagerRoutes(new dev.kappa.project.ManagerService(db)),
                new ItemRoutes(new ItemService(db)),
                new ImportRoutes(new ImportService(db), transfers),
                new ExportRoutes(new ExportService(db), transfers),
                // A third of the connections for lease writes (at least one): next-task keeps the rest.
                new AssignmentRoutes(new AssignmentService(db, Math.max(1, config.dbPoolSize() / 3), new StudyTasks())),
                new ProgressRoutes(new ProgressService(db)),
                new MyProgressRoutes(new MyProgressService(db)),
                new AgreementRoutes(new AgreementService(db)),
                new PairwiseRoutes(new PairwiseService(db)),
                new ConfusionRoutes(new ConfusionService(db)),
                new ThroughputRoutes(new ThroughputService(db)),
                new ConsensusRoutes(new ConsensusService(db)),
                new ConsensusPageRoutes(new ConsensusPageService(db, new ConsensusService(db))),
                new QualityRoutes(new QualityService(db)),
                new BaselineRoutes(baselines),
                new PolicyRoutes(new PolicyService(db, baselines)),
                new HardnessRoutes(new HardnessService(db)),
                new HardCaseRoutes(new HardCaseService(db)),
                new StudyRoutes(new StudyService(db), new StudyReports(db)),
                new SampleSizeRoutes());
    }
}
