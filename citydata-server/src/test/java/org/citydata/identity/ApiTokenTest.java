package org.citydata.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.citydata.support.Drafts;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ApiTokenTest extends WebTest {

    @Autowired
    JdbcClient db;

    private record Issued(long id, String secret) {}

    private Issued issue(String admin, String department, List<String> scopes) {
        var r = signedIn(admin).post("/api/v1/tokens", Map.of("name", "一网通办系统", "departmentCode", department,
                "scopes", scopes, "validDays", 30));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Issued(r.json().get("token").get("id").asLong(), r.json().get("secret").asString());
    }

    @Test
    void aTokenIsShownOnceStoredHashedAndActsForItsDepartment() {
        var token = issue("ga_admin", "3205GA", List.of("CATALOG_READ"));
        assertThat(token.secret()).startsWith("cdt_").hasSizeGreaterThan(40);
        var me = withToken(token.secret()).get("/api/v1/me").json();
        assertThat(me.get("kind").asString()).isEqualTo("APPLICATION");
        assertThat(me.get("departmentCode").asString()).isEqualTo("3205GA");
        // the list never carries the secret, and the database holds only its hash
        var listed = signedIn("ga_admin").get("/api/v1/tokens");
        assertThat(listed.body()).doesNotContain(token.secret());
        var stored = db.sql("select token_hash from identity_api_token where id = ?").param(token.id()).query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token.secret());
        // last use is recorded
        assertThat(db.sql("select last_used_at is not null from identity_api_token where id = ?").param(token.id())
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void aReadTokenCannotWriteAndAWriteTokenWritesOnlyForItsDepartment() {
        var read = issue("ga_admin", "3205GA", List.of("CATALOG_READ"));
        var refused = withToken(read.secret()).post("/api/v1/resources", Drafts.valid(unique("令牌登记"), "3205GA"));
        assertThat(refused.status()).isEqualTo(403);
        var write = issue("ga_admin", "3205GA", List.of("CATALOG_READ", "CATALOG_WRITE"));
        var created = withToken(write.secret()).post("/api/v1/resources", Drafts.valid(unique("令牌登记"), "3205GA"));
        assertThat(created.status()).isEqualTo(201);
        var code = created.json().get("code").asString();
        var history = signedIn("ga_officer").get("/api/v1/resources/" + code + "/history").json();
        // the record names the token by number: its free-text name alone could imitate a user name
        assertThat(history.get(0).get("changedBy").asString()).isEqualTo("token#" + write.id() + " 一网通办系统");
        assertThat(withToken(write.secret()).post("/api/v1/resources", Drafts.valid(unique("越权"), "3205RS")).status()).isEqualTo(403);
    }

    @Test
    void revokedExpiredAndUnknownTokensAreRefusedWithTheirReason() {
        var token = issue("ga_admin", "3205GA", List.of("CATALOG_READ"));
        assertThat(withToken(token.secret()).get("/api/v1/me").status()).isEqualTo(200);
        var revoked = signedIn("ga_admin").delete("/api/v1/tokens/" + token.id());
        assertThat(revoked.json().get("state").asString()).isEqualTo("REVOKED");
        var afterRevoke = withToken(token.secret()).get("/api/v1/me");
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertThat(afterRevoke.json().get("code").asString()).isEqualTo("AUTH_TOKEN_REVOKED");

        var old = issue("ga_admin", "3205GA", List.of("CATALOG_READ"));
        db.sql("update identity_api_token set expires_at = now() - interval '1 second' where id = ?").param(old.id()).update();
        assertThat(withToken(old.secret()).get("/api/v1/me").json().get("code").asString()).isEqualTo("AUTH_TOKEN_EXPIRED");
        assertThat(withToken("cdt_not-a-real-token").get("/api/v1/me").json().get("code").asString()).isEqualTo("AUTH_TOKEN_INVALID");
    }

    @Test
    void onlyTheDepartmentsAdminOrTheBureauIssuesAndRevokesItsTokens() {
        var denied = signedIn("ga_officer").post("/api/v1/tokens", Map.of("name", "x", "departmentCode", "3205GA",
                "scopes", List.of("CATALOG_READ")));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(signedIn("rs_admin").post("/api/v1/tokens", Map.of("name", "x", "departmentCode", "3205GA",
                "scopes", List.of("CATALOG_READ"))).status()).isEqualTo(403);
        var token = issue("dsj_admin", "3205GA", List.of("CATALOG_READ"));
        assertThat(signedIn("rs_admin").delete("/api/v1/tokens/" + token.id()).status()).isEqualTo(403);
        assertThat(withToken(token.secret()).get("/api/v1/me").status()).isEqualTo(200); // still works after the refused revoke
        var invalid = signedIn("ga_admin").post("/api/v1/tokens", Map.of("name", "", "departmentCode", "3205GA",
                "scopes", List.of(), "validDays", 999));
        assertThat(invalid.json().get("violations").valueStream().map(v -> v.get("field").asString()))
                .containsExactlyInAnyOrder("name", "scopes", "validDays");
        // a token cannot mint tokens
        assertThat(withToken(token.secret()).post("/api/v1/tokens", Map.of("name", "x", "departmentCode", "3205GA",
                "scopes", List.of("CATALOG_READ"))).status()).isEqualTo(403);
    }
}
