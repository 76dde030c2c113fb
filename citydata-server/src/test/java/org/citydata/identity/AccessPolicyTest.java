package org.citydata.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of {@link AccessPolicy}, one actor kind at a time: everything not granted is refused. */
class AccessPolicyTest {

    private static final long OWN = 10, OTHER = 20;
    private final AccessPolicy policy = new AccessPolicy();

    private static Actor user(Role... roles) {
        return new Actor(Actor.Kind.USER, 1, "u", "用户", OWN, Set.of(roles));
    }

    private static Actor application(Role... roles) {
        return new Actor(Actor.Kind.APPLICATION, 1, "app", "应用", OWN, Set.of(roles));
    }

    @Test
    void aPlainMemberReadsOnly() {
        var member = user();
        assertThat(policy.canEditResourcesOf(member, OWN)).isFalse();
        assertThat(policy.canSeeLoadsOf(member, OWN)).isFalse();
        assertThat(policy.canSeeUnpublishedOf(member, OWN)).isTrue();
        assertThat(policy.canSeeUnpublishedOf(member, OTHER)).isFalse();
        assertThat(policy.canManageMembersOf(member, OWN)).isFalse();
        assertThat(policy.canManageDepartments(member)).isFalse();
        assertThat(policy.canRebuildSearchIndex(member)).isFalse();
        assertThat(policy.canSeeAllDepartments(member)).isFalse();
        assertThat(policy.canEditCalendar(member)).isFalse();
    }

    @Test
    void aDataOfficerEditsOnlyItsOwnDepartmentsResources() {
        var officer = user(Role.DATA_OFFICER);
        assertThat(policy.canEditResourcesOf(officer, OWN)).isTrue();
        assertThat(policy.canEditResourcesOf(officer, OTHER)).isFalse();
        assertThat(policy.canSeeLoadsOf(officer, OWN)).isTrue();
        assertThat(policy.canSeeLoadsOf(officer, OTHER)).isFalse();
        assertThat(policy.canManageMembersOf(officer, OWN)).isFalse();
        assertThat(policy.canEditCalendar(officer)).isFalse();
    }

    @Test
    void aDepartmentAdminManagesItsOwnPeopleButGivesNoBureauRoles() {
        var admin = user(Role.DEPT_ADMIN);
        assertThat(policy.canManageMembersOf(admin, OWN)).isTrue();
        assertThat(policy.canManageMembersOf(admin, OTHER)).isFalse();
        assertThat(policy.canEditResourcesOf(admin, OWN)).isTrue();
        assertThat(policy.canGrantRole(admin, Role.DATA_OFFICER)).isTrue();
        assertThat(policy.canGrantRole(admin, Role.PLATFORM_ADMIN)).isFalse();
        assertThat(policy.canGrantRole(admin, Role.AUDITOR)).isFalse();
        assertThat(policy.canManageDepartments(admin)).isFalse();
    }

    @Test
    void anAuditorSeesEverythingAndChangesNothing() {
        var auditor = user(Role.AUDITOR);
        assertThat(policy.canSeeUnpublishedOf(auditor, OTHER)).isTrue();
        assertThat(policy.canSeeAllDepartments(auditor)).isTrue();
        assertThat(policy.canEditResourcesOf(auditor, OWN)).isFalse();
        assertThat(policy.canSeeLoadsOf(auditor, OTHER)).isTrue();
        assertThat(policy.canManageMembersOf(auditor, OWN)).isFalse();
        assertThat(policy.canManageDepartments(auditor)).isFalse();
        assertThat(policy.canEditCalendar(auditor)).isFalse();
    }

    @Test
    void thePlatformAdministratorMayDoEverything() {
        var admin = user(Role.PLATFORM_ADMIN);
        assertThat(policy.canEditResourcesOf(admin, OTHER)).isTrue();
        assertThat(policy.canManageMembersOf(admin, OTHER)).isTrue();
        assertThat(policy.canManageDepartments(admin)).isTrue();
        assertThat(policy.canGrantRole(admin, Role.PLATFORM_ADMIN)).isTrue();
        assertThat(policy.canRebuildSearchIndex(admin)).isTrue();
        assertThat(policy.canEditCalendar(admin)).isTrue();
    }

    @Test
    void anApplicationNeverManagesPeopleEvenWithAnAdminsRole() {
        assertThat(policy.canManageMembersOf(application(Role.DEPT_ADMIN), OWN)).isFalse();
        assertThat(policy.canEditResourcesOf(application(Role.DATA_OFFICER), OWN)).isTrue();
        assertThat(policy.canEditResourcesOf(application(), OWN)).isFalse();
    }
}
