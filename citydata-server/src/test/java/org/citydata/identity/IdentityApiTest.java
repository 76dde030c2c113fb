package org.citydata.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;

class IdentityApiTest extends WebTest {

    @Test
    void anonymousCallersGetACodedProblemAndOnlyHealthIsOpen() {
        var api = anonymous().get("/api/v1/departments");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.json().get("code").asString()).isEqualTo("AUTH_REQUIRED");
        assertThat(api.json().get("detail").asString()).contains("登录");
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(anonymous().get("/resources").status()).isEqualTo(302); // to the login page
        assertThat(anonymous().get("/v3/api-docs").status()).isEqualTo(302);
    }

    @Test
    void departmentsFormATreeWithTheCityAtTheRoot() {
        var tree = signedIn("ga_staff").get("/api/v1/departments").json();
        assertThat(tree.get(0).get("code").asString()).isEqualTo("3205");
        assertThat(tree.get(0).has("parentCode")).isFalse();
        var codes = tree.valueStream().map(n -> n.get("code").asString()).toList();
        assertThat(codes).contains("3205GA", "3205GA01", "3205DSJ");
        assertThat(codes.indexOf("3205GA")).isLessThan(codes.indexOf("3205GA01")); // parents before children
    }

    @Test
    void onlyTheBureauCreatesDepartmentsAndEachFieldIsChecked() {
        var code = unique("T");
        var form = Map.of("code", code, "parentCode", "3205", "nameZh", "测试局", "nameEn", "Test Bureau");
        var denied = signedIn("ga_admin").post("/api/v1/departments", form);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("code").asString()).isEqualTo("IDENTITY_FORBIDDEN");

        var admin = signedIn("dsj_admin");
        var invalid = admin.post("/api/v1/departments", Map.of("code", "bad code", "parentCode", "NOPE", "nameZh", "", "nameEn", "x",
                "contactEmail", "not-an-email"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("code").asString()).isEqualTo("IDENTITY_INVALID_DEPARTMENT");
        assertThat(invalid.json().get("violations").valueStream().map(v -> v.get("field").asString()))
                .containsExactlyInAnyOrder("code", "nameZh", "contactEmail", "parentCode");

        var created = admin.post("/api/v1/departments", form);
        assertThat(created.status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/departments", form).json().get("code").asString()).isEqualTo("IDENTITY_DEPARTMENT_EXISTS");
        assertThat(admin.delete("/api/v1/departments/" + code).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/departments/" + code).status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/departments/3205GA").json().get("code").asString()).isEqualTo("IDENTITY_DEPARTMENT_IN_USE");
    }

    @Test
    void departmentAdminsManageOnlyTheirOwnPeopleAndCannotHandOutBureauRoles() {
        var gaAdmin = signedIn("ga_admin");
        var username = unique("u").toLowerCase();
        var ok = gaAdmin.post("/api/v1/users", Map.of("username", username, "displayName", "李四", "departmentCode", "3205GA",
                "roles", List.of("DATA_OFFICER"), "password", "Secret123"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("roles").get(0).asString()).isEqualTo("DATA_OFFICER");
        var otherDept = gaAdmin.post("/api/v1/users", Map.of("username", username + "x", "displayName", "王五",
                "departmentCode", "3205RS", "password", "Secret123"));
        assertThat(otherDept.status()).isEqualTo(403);
        var bureauRole = gaAdmin.post("/api/v1/users", Map.of("username", username + "y", "displayName", "王五",
                "departmentCode", "3205GA", "roles", List.of("PLATFORM_ADMIN"), "password", "Secret123"));
        assertThat(bureauRole.status()).isEqualTo(403);
        var weak = gaAdmin.post("/api/v1/users", Map.of("username", username + "z", "displayName", "王五",
                "departmentCode", "3205GA", "password", "short"));
        assertThat(weak.json().get("violations").get(0).get("field").asString()).isEqualTo("password");
        // the new officer can sign in with the password given
        assertThat(signedIn(username, "Secret123").get("/api/v1/me").json().get("departmentCode").asString()).isEqualTo("3205GA");
        // members see their own department only; the bureau sees all
        var seenByGa = gaAdmin.get("/api/v1/users").json().valueStream().map(u -> u.get("departmentCode").asString()).distinct().toList();
        assertThat(seenByGa).containsExactly("3205GA");
        assertThat(signedIn("dsj_auditor").get("/api/v1/users").json().size()).isGreaterThan(30);
    }

    @Test
    void aDepartmentAdminCannotTouchHoldersOfTheBureausRoles() {
        var username = unique("dsjadm").toLowerCase();
        signedIn("dsj_admin").post("/api/v1/users", Map.of("username", username, "displayName", "赵六", "departmentCode", "3205DSJ",
                "roles", List.of("DEPT_ADMIN"), "password", "Secret123"));
        var deptAdmin = signedIn(username, "Secret123");
        var takeover = deptAdmin.put("/api/v1/users/dsj_auditor", Map.of("displayName", "x", "departmentCode", "3205DSJ",
                "roles", List.of(), "enabled", false, "password", "Hijack123"));
        assertThat(takeover.status()).isEqualTo(403);
        assertThat(signedIn("dsj_auditor").get("/api/v1/me").json().get("roles").get(0).asString()).isEqualTo("AUDITOR");
    }

    @Test
    void aDisabledOrDemotedUserLosesAccessOnTheNextRequestNotTheNextLogin() {
        var username = unique("tmp").toLowerCase();
        var admin = signedIn("ga_admin");
        admin.post("/api/v1/users", Map.of("username", username, "displayName", "钱七", "departmentCode", "3205GA",
                "roles", List.of("DATA_OFFICER"), "password", "Secret123"));
        var session = signedIn(username, "Secret123");
        assertThat(session.post("/api/v1/resources", org.citydata.support.Drafts.valid(unique("角色测试"), "3205GA")).status()).isEqualTo(201);
        admin.put("/api/v1/users/" + username, Map.of("displayName", "钱七", "departmentCode", "3205GA", "roles", List.of(),
                "enabled", true));
        assertThat(session.post("/api/v1/resources", org.citydata.support.Drafts.valid(unique("角色测试"), "3205GA")).status()).isEqualTo(403);
        admin.put("/api/v1/users/" + username, Map.of("displayName", "钱七", "departmentCode", "3205GA", "roles", List.of(),
                "enabled", false));
        assertThat(session.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void malformedJsonIsRefusedWithWhereItBroke() {
        var r = signedIn("dsj_admin").postRaw("/api/v1/departments", "application/json",
                "{\"code\": \"X1\",\n \"nameZh\": }".getBytes());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("REQUEST_MALFORMED_JSON");
        assertThat(r.json().get("detail").asString()).contains("line 2");
    }
}
