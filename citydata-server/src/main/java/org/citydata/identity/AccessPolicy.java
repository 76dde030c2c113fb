package org.citydata.identity;

import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.springframework.stereotype.Component;

/**
 * Every "may this actor do that" of the platform, in one place. Default deny: each rule lists who is allowed and
 * everyone else is refused. Callers ask before acting and turn a refusal into {@code IDENTITY_FORBIDDEN}.
 */
@Component
public class AccessPolicy {

    /** Drafts of a department; published and retired entries are visible to every signed-in actor. */
    public boolean canSeeUnpublishedOf(Actor actor, long departmentId) {
        return actor.has(Role.PLATFORM_ADMIN) || actor.has(Role.AUDITOR) || actor.departmentId() == departmentId;
    }

    /** Create, edit, publish and retire catalog resources provided by the department. */
    public boolean canEditResourcesOf(Actor actor, long departmentId) {
        if (actor.has(Role.PLATFORM_ADMIN)) return true;
        return actor.departmentId() == departmentId && (actor.has(Role.DATA_OFFICER) || actor.has(Role.DEPT_ADMIN));
    }

    /**
     * The loads, sources and quarantines of a department's resources (raw values, source settings): the people who
     * may edit its resources, and auditors.
     */
    public boolean canSeeLoadsOf(Actor actor, long departmentId) {
        return canEditResourcesOf(actor, departmentId) || actor.has(Role.AUDITOR);
    }

    /** See everything regardless of department: the bureau and its auditors. */
    public boolean canSeeAllDepartments(Actor actor) {
        return actor.has(Role.PLATFORM_ADMIN) || actor.has(Role.AUDITOR);
    }

    /**
     * The access log's records about a department: the reads it made and the reads of its resources. Its data officers
     * and department administrators; the bureau and auditors see every department's.
     */
    public boolean canSeeAccessRecordsOf(Actor actor, long departmentId) {
        if (canSeeAllDepartments(actor)) return true;
        return actor.departmentId() == departmentId && (actor.has(Role.DATA_OFFICER) || actor.has(Role.DEPT_ADMIN));
    }

    /** Verify the whole access log against its signed heads: the bureau and auditors. */
    public boolean canVerifyAccessLog(Actor actor) {
        return canSeeAllDepartments(actor);
    }

    public boolean canManageDepartments(Actor actor) {
        return actor.has(Role.PLATFORM_ADMIN);
    }

    /** Users and API tokens of a department. */
    public boolean canManageMembersOf(Actor actor, long departmentId) {
        if (actor.has(Role.PLATFORM_ADMIN)) return true;
        return actor.kind() == Actor.Kind.USER && actor.has(Role.DEPT_ADMIN) && actor.departmentId() == departmentId;
    }

    /** Only the bureau hands out the bureau's own powers. */
    public boolean canGrantRole(Actor actor, Role role) {
        return actor.has(Role.PLATFORM_ADMIN) || (role != Role.PLATFORM_ADMIN && role != Role.AUDITOR);
    }

    /** Holidays and adjusted working days: every working-day deadline of the platform counts on them. */
    public boolean canEditCalendar(Actor actor) {
        return actor.has(Role.PLATFORM_ADMIN);
    }

    public boolean canRebuildSearchIndex(Actor actor) {
        return actor.has(Role.PLATFORM_ADMIN);
    }

    public static <T> Result<T> denied(String what) {
        return Result.failure(Problem.forbidden("IDENTITY_FORBIDDEN", what));
    }
}
