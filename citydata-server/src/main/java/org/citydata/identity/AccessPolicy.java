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

    /** Only the bureau hands out the bureau's own powers; an application's role is nobody's to give a person. */
    public boolean canGrantRole(Actor actor, Role role) {
        if (role == Role.EXCHANGE_CLIENT) return false;
        return actor.has(Role.PLATFORM_ADMIN) || (role != Role.PLATFORM_ADMIN && role != Role.AUDITOR);
    }

    /** Holidays and adjusted working days: every working-day deadline of the platform counts on them. */
    public boolean canEditCalendar(Actor actor) {
        return actor.has(Role.PLATFORM_ADMIN);
    }

    /**
     * Share applications and grants in which the department is requester or provider: its members (as they see its
     * drafts), the bureau and auditors. Applications (tokens) read grants through the exchange API, not these lists.
     */
    public boolean canSeeSharesOf(Actor actor, long departmentId) {
        if (canSeeAllDepartments(actor)) return true;
        return actor.kind() == Actor.Kind.USER && actor.departmentId() == departmentId;
    }

    /**
     * Ask other departments for their data, for one's own department: its data officers and administrators, in
     * person (an application's token cannot commit the department to a purpose).
     */
    public boolean canApplyForShares(Actor actor) {
        return actor.kind() == Actor.Kind.USER && (actor.has(Role.DATA_OFFICER) || actor.has(Role.DEPT_ADMIN));
    }

    /**
     * Approve or refuse share applications for the department's resources: its data officers and administrators, in
     * person. Not the bureau: it decides only what the provider let run past its deadline.
     */
    public boolean canAnswerSharesOf(Actor actor, long providerId) {
        return canApplyForShares(actor) && actor.departmentId() == providerId;
    }

    /** Decide an overdue application on the provider's behalf, or return it to the provider: the bureau, in person. */
    public boolean canDecideEscalatedShares(Actor actor) {
        return actor.kind() == Actor.Kind.USER && actor.has(Role.PLATFORM_ADMIN);
    }

    /** Suspend, resume or revoke grants of the department's resources: whoever answers its applications, and the bureau. */
    public boolean canManageGrantsOf(Actor actor, long providerId) {
        return canAnswerSharesOf(actor, providerId) || canDecideEscalatedShares(actor);
    }

    /** Call the exchange API: a department application whose token has the {@code EXCHANGE} scope. */
    public boolean canCallExchange(Actor actor) {
        return actor.kind() == Actor.Kind.APPLICATION && actor.has(Role.EXCHANGE_CLIENT);
    }

    /** Propose, revise, withdraw or unpublish openings of the department's resources: its officers, in person. */
    public boolean canProposeOpeningsOf(Actor actor, long providerId) {
        return actor.kind() == Actor.Kind.USER && canEditResourcesOf(actor, providerId);
    }

    /** Approve or return proposed openings, and unpublish any: the bureau, in person. */
    public boolean canReviewOpenings(Actor actor) {
        return actor.kind() == Actor.Kind.USER && actor.has(Role.PLATFORM_ADMIN);
    }

    /** The openings of a department's resources with their assessments: its officers, the bureau and auditors. */
    public boolean canSeeOpeningsOf(Actor actor, long providerId) {
        return canSeeAccessRecordsOf(actor, providerId);
    }

    /**
     * Open-data developers: list them, set their rate-limit tier, disable them, and read the mail outbox that carries
     * their confirmation links: the bureau.
     */
    public boolean canManageDevelopers(Actor actor) {
        return actor.has(Role.PLATFORM_ADMIN);
    }

    public boolean canRebuildSearchIndex(Actor actor) {
        return actor.has(Role.PLATFORM_ADMIN);
    }

    public static <T> Result<T> denied(String what) {
        return Result.failure(Problem.forbidden("IDENTITY_FORBIDDEN", what));
    }
}
