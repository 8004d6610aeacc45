package dev.kappa.project;

import dev.kappa.auth.Principal;
import dev.kappa.error.Problems;
import dev.kappa.sql.Db;
import io.vertx.core.Future;

import java.util.List;

/** Who labels in a project. Membership is what lets an annotator see a project at all. */
public final class MemberService {
    /** The member, and whether this call added them (201) or they already were one (200). */
    public record Added(Member member, boolean created) {
    }

    private final Db db;

    public MemberService(Db db) {
        this.db = db;
    }

    /** The person to add, named by exactly one of these. */
    public record Who(Long userId, String email, String externalId) {
    }

    public Future<Added> add(Principal p, long projectId, Who who) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            long userId = MemberRepository.resolve(tx, who);
            boolean created = MemberRepository.add(tx, projectId, userId);
            return new Added(MemberRepository.find(tx, projectId, userId), created);
        });
    }

    public Future<Void> remove(Principal p, long projectId, long userId) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            if (!MemberRepository.remove(tx, projectId, userId)) {
                throw Problems.notFound("member " + userId + " of project " + projectId);
            }
            return null;
        });
    }

    /** Pauses or resumes a member in the project: managers' own pause, apart from the account's status. */
    public Future<Member> pause(Principal p, long projectId, long userId, boolean paused) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            if (!MemberRepository.pause(tx, projectId, userId, paused, p.userId())) {
                throw Problems.notFound("member " + userId + " of project " + projectId);
            }
            return MemberRepository.find(tx, projectId, userId);
        });
    }

    public Future<List<Member>> page(Principal p, long projectId, Paging paging) {
        return db.tx(tx -> {
            ProjectAccess.requireManager(tx, p, projectId);
            return MemberRepository.page(tx, projectId, paging.after(), paging.limit());
        });
    }
}
