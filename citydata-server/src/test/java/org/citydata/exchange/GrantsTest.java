package org.citydata.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.exchange.Sharing.apply;
import static org.citydata.exchange.Sharing.form;
import static org.citydata.exchange.Sharing.publish;
import static org.citydata.exchange.Sharing.violationCodes;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.citydata.identity.Actor;
import org.citydata.identity.internal.ApiTokens;
import org.citydata.kernel.Result;
import org.citydata.kernel.privacy.Masking;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link Grants#usableBy}: the question the exchange API asks on every request, answered from the database each time —
 * a grant suspended, revoked or expired a moment ago refuses the next request, each refusal with its own code.
 */
class GrantsTest extends WebTest {

    @Autowired
    Grants grants;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient db;

    private Http ga;
    private Http rs;
    private String code;
    private Map.Entry<Long, String> app;
    private Actor application;

    @BeforeEach
    void anApplicationOfThePublicSecurityBureau() {
        ga = signedIn("ga_officer");
        rs = signedIn("rs_officer");
        code = publish(rs, "3205RS", "CONDITIONAL", unique("参保人员"));
        app = Sharing.token(signedIn("ga_admin"), "3205GA", "EXCHANGE");
        application = actor(app.getValue());
    }

    private Actor actor(String secret) {
        var a = tokens.authenticate(secret);
        assertThat(a.succeeded()).isTrue();
        return a.value();
    }

    /** Applies for the resource and has it approved under these terms; answers the grant's number. */
    private long granted(Map<String, Object> approval) {
        long id = apply(ga, form(code, "insured_id", "insured_name")).get("id").asLong();
        var r = rs.post("/api/v1/exchange/applications/" + id + "/approve", approval);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("grantId").asLong();
    }

    private static String refusal(Result<Grant> result) {
        assertThat(result.succeeded()).as("refused").isFalse();
        return result.problem().code();
    }

    @Test
    void anApplicationUsesItsDepartmentsActiveGrantWithTheApprovedFieldsAndMasking() {
        assertThat(refusal(grants.usableBy(application, code, null))).isEqualTo("EXCHANGE_NO_GRANT");
        long id = granted(Map.of("fields", Map.of("insured_id", "", "insured_name", "keep(1,0)")));
        var grant = grants.usableBy(application, code, null);
        assertThat(grant.succeeded()).isTrue();
        var g = grant.value();
        assertThat(g.id()).isEqualTo(id);
        assertThat(g.resourceCode()).isEqualTo(code);
        assertThat(g.fields()).containsExactly(Map.entry("insured_id", Masking.HASH), Map.entry("insured_name", new Masking.Keep(1, 0)));
        assertThat(g.status()).isEqualTo(Grant.GrantStatus.ACTIVE);
        assertThat(g.applicationIds()).isEmpty(); // any of the department's applications
        assertThat(g.ratePerMinute()).isEqualTo(600);
        // the application's service list, through the API with its token
        var listed = withToken(app.getValue()).get("/api/v1/exchange/grants");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().valueStream().map(x -> x.get("id").asLong())).contains(id);
        assertThat(grants.usableBy(application)).extracting(Grant::id).contains(id);
        // another department's application holds nothing of it
        var other = actor(Sharing.token(signedIn("sc_admin"), "3205SC", "EXCHANGE").getValue());
        assertThat(refusal(grants.usableBy(other, code, null))).isEqualTo("EXCHANGE_NO_GRANT");
        assertThat(refusal(grants.usableBy(application, code, id + 1_000_000))).isEqualTo("EXCHANGE_NO_GRANT");
    }

    @Test
    void onlyTokensWithTheExchangeScopeMayAsk() {
        granted(Map.of());
        var reader = actor(Sharing.token(signedIn("ga_admin"), "3205GA", "CATALOG_READ").getValue());
        assertThat(refusal(grants.usableBy(reader, code, null))).isEqualTo("IDENTITY_FORBIDDEN");
        assertThat(grants.usableBy(reader)).isEmpty();
        // the scope's role is an application's, never a person's
        var user = signedIn("dsj_admin").post("/api/v1/users", Map.of("username", unique("app_").toLowerCase(),
                "displayName", "应用", "departmentCode", "3205GA", "roles", List.of("EXCHANGE_CLIENT"), "password", "Secret@2026"));
        assertThat(user.status()).isEqualTo(403);
    }

    @Test
    void aSuspendedGrantRefusesTheNextRequestAndWorksAgainWhenResumed() {
        long id = granted(Map.of());
        var noReason = rs.post("/api/v1/exchange/grants/" + id + "/suspend", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(violationCodes(noReason)).containsExactly("reason:required");
        var suspended = rs.post("/api/v1/exchange/grants/" + id + "/suspend", Map.of("reason", "发现超范围使用，暂停核查"));
        assertThat(suspended.json().get("status").asString()).isEqualTo("SUSPENDED");
        var refused = grants.usableBy(application, code, null);
        assertThat(refusal(refused)).isEqualTo("EXCHANGE_GRANT_SUSPENDED");
        assertThat(refused.problem().args()).contains(code, "发现超范围使用，暂停核查");
        assertThat(refused.problem().kind()).isEqualTo(org.citydata.kernel.Problem.Kind.FORBIDDEN);
        assertThat(rs.post("/api/v1/exchange/grants/" + id + "/suspend", Map.of("reason", "x")).status()).isEqualTo(409);
        rs.post("/api/v1/exchange/grants/" + id + "/resume", Map.of("reason", "核查完毕"));
        assertThat(grants.usableBy(application, code, null).succeeded()).isTrue();
        var history = rs.get("/api/v1/exchange/grants/" + id).json().get("history");
        assertThat(history.valueStream().map(e -> e.get("action").asString())).containsExactly("CREATE", "SUSPEND", "RESUME");
        assertThat(history.get(1).get("reason").asString()).isEqualTo("发现超范围使用，暂停核查");
        assertThat(history.get(1).get("actor").asString()).isEqualTo("rs_officer");
    }

    @Test
    void aRevokedGrantIsGoneForGood() {
        long id = granted(Map.of());
        var revoked = signedIn("dsj_admin").post("/api/v1/exchange/grants/" + id + "/revoke", Map.of("reason", "申请部门职能调整"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(refusal(grants.usableBy(application, code, null))).isEqualTo("EXCHANGE_GRANT_REVOKED");
        assertThat(rs.post("/api/v1/exchange/grants/" + id + "/resume", Map.of("reason", "x")).json().get("code").asString())
                .isEqualTo("EXCHANGE_GRANT_BAD_TRANSITION");
        assertThat(grants.usableBy(application)).extracting(Grant::id).doesNotContain(id);
    }

    @Test
    void aGrantPastItsValidityExpiresOnTheNextRequest() {
        long id = granted(Map.of());
        db.sql("update exchange_grant set valid_from = current_date - 30, valid_until = current_date - 1 where id = ?").param(id).update();
        var refused = grants.usableBy(application, code, null);
        assertThat(refusal(refused)).isEqualTo("EXCHANGE_GRANT_EXPIRED");
        assertThat(refused.problem().args()).contains(LocalDate.now().minusDays(1).toString());
        assertThat(db.sql("select status from exchange_grant where id = ?").param(id).query(String.class).single()).isEqualTo("EXPIRED");
        assertThat(db.sql("select actor from exchange_grant_event where grant_id = ? and action = 'EXPIRE'").param(id)
                .query(String.class).list()).containsExactly("system");
        assertThat(rs.post("/api/v1/exchange/grants/" + id + "/resume", Map.of("reason", "x")).status()).isEqualTo(409);
    }

    @Test
    void theScheduledCheckExpiresGrantsNobodyUses() throws InterruptedException {
        long id = granted(Map.of());
        db.sql("update exchange_grant set valid_from = current_date - 30, valid_until = current_date - 1 where id = ?").param(id).update();
        String status = "ACTIVE";
        for (long until = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < until && !status.equals("EXPIRED"); ) {
            Thread.sleep(200);
            status = db.sql("select status from exchange_grant where id = ?").param(id).query(String.class).single();
        }
        assertThat(status).isEqualTo("EXPIRED");
    }

    @Test
    void aGrantNotYetValidSaysFromWhen() {
        long id = apply(ga, Sharing.with(form(code, "insured_name"), "periodFrom", LocalDate.now().plusDays(7).toString()))
                .get("id").asLong();
        rs.post("/api/v1/exchange/applications/" + id + "/approve", Map.of());
        var refused = grants.usableBy(application, code, null);
        assertThat(refusal(refused)).isEqualTo("EXCHANGE_GRANT_NOT_YET_VALID");
        assertThat(refused.problem().args()).contains(LocalDate.now().plusDays(7).toString());
    }

    @Test
    void aGrantNamingOtherApplicationsRefusesThisOne() {
        var other = Sharing.token(signedIn("ga_admin"), "3205GA", "EXCHANGE");
        granted(Map.of("applicationIds", List.of(other.getKey())));
        var refused = grants.usableBy(application, code, null);
        assertThat(refusal(refused)).isEqualTo("EXCHANGE_APP_NOT_ALLOWED");
        assertThat(grants.usableBy(actor(other.getValue()), code, null).succeeded()).isTrue();
    }

    @Test
    void ofSeveralUsableGrantsTheNewestIsPickedUnlessOneIsNamed() {
        long older = granted(Map.of("fields", Map.of("insured_name", "")));
        long newer = granted(Map.of());
        assertThat(grants.usableBy(application, code, null).value().id()).isEqualTo(newer);
        assertThat(grants.usableBy(application, code, older).value().id()).isEqualTo(older);
        // the newest refuses, an older one still serves
        rs.post("/api/v1/exchange/grants/" + newer + "/suspend", Map.of("reason", "核查"));
        assertThat(grants.usableBy(application, code, null).value().id()).isEqualTo(older);
        assertThat(refusal(grants.usableBy(application, code, newer))).isEqualTo("EXCHANGE_GRANT_SUSPENDED");
    }

    @Test
    void grantsAreListedForEachSideAndManagedOnlyByTheProviderAndTheBureau() {
        long id = granted(Map.of());
        assertThat(ids(rs, "provided")).contains(id);
        assertThat(ids(rs, "received")).doesNotContain(id);
        assertThat(ids(ga, "received")).contains(id);
        assertThat(ids(signedIn("dsj_auditor"), "all")).contains(id);
        var sc = signedIn("sc_officer");
        assertThat(ids(sc, "all")).doesNotContain(id);
        assertThat(sc.get("/api/v1/exchange/grants/" + id).status()).isEqualTo(404);
        assertThat(sc.post("/api/v1/exchange/grants/" + id + "/revoke", Map.of("reason", "x")).status()).isEqualTo(404);
        // the holder cannot lift or drop the provider's terms; nor can a plain member or an auditor of the provider
        assertThat(ga.post("/api/v1/exchange/grants/" + id + "/suspend", Map.of("reason", "x")).status()).isEqualTo(403);
        assertThat(signedIn("rs_staff").post("/api/v1/exchange/grants/" + id + "/revoke", Map.of("reason", "x")).status()).isEqualTo(403);
        assertThat(signedIn("dsj_auditor").post("/api/v1/exchange/grants/" + id + "/revoke", Map.of("reason", "x")).status()).isEqualTo(403);
        assertThat(grants.usableBy(application, code, null).succeeded()).isTrue();
    }

    private List<Long> ids(Http who, String side) {
        var r = who.get("/api/v1/exchange/grants?side=" + side);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().valueStream().map(g -> g.get("id").asLong()).toList();
    }
}
