package org.citydata.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.exchange.Sharing.apply;
import static org.citydata.exchange.Sharing.form;
import static org.citydata.exchange.Sharing.publish;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The exchange API end to end: 公安局's application reads 人社局's conditional resource under the grant it was given —
 * only granted fields, masked as granted, with a stated purpose, within rate and quota; every read and every refusal
 * lands in the access log.
 */
class ExchangeDataApiTest extends WebTest {

    private static final String PURPOSE = "X-Citydata-Purpose";

    @Autowired
    JdbcClient db;

    private Http rs;
    private Http gaAdmin;
    private String code;
    private String token;

    /** A valid resident ID for a serial number, born 1985-06-15 in 320508. */
    private static String id(int serial) {
        String first17 = "32050819850615" + String.format("%03d", serial);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static String csv(int from, int to, String nameSuffix) {
        var sb = new StringBuilder("insured_id,insured_name,insured_since,mobile\n");
        for (int i = from; i <= to; i++) sb.append(id(i)).append(",参保人").append(i).append(nameSuffix).append(",2020-03-0").append(1 + i % 9)
                .append(",1390000").append(String.format("%04d", i)).append('\n');
        return sb.toString();
    }

    private void load(String content, String mode) {
        var r = rs.upload("/api/v1/resources/" + code + "/data/uploads", "insured.csv", content.getBytes(StandardCharsets.UTF_8), Map.of("mode", mode));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** Applies for the fields as 公安局 and has 人社局 approve them with these masking rules and limits; the grant's id. */
    private long grant(Map<String, String> fields, Integer rate, Long quota) {
        var application = apply(signedIn("ga_officer"), form(code, fields.keySet().toArray(String[]::new)));
        var terms = new LinkedHashMap<String, Object>();
        terms.put("fields", fields);
        if (rate != null) terms.put("ratePerMinute", rate);
        if (quota != null) terms.put("dailyRowQuota", quota);
        var approved = rs.post("/api/v1/exchange/applications/" + application.get("id").asLong() + "/approve", terms);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return approved.json().get("grantId").asLong();
    }

    private Http app() {
        return withToken(token);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private List<String> lastRecords(int n) {
        return db.sql("select outcome || ' ' || action || ' ' || coalesce(problem_code, '-') || ' ' || purpose || ' ' || coalesce(grant_id::text, '-')"
                        + " || ' ' || coalesce(end_user, '-') from audit_record where resource_code = ? order by seq desc limit ?")
                .params(code, n).query(String.class).list();
    }

    @BeforeEach
    void aConditionalResourceWithDataAndAnExchangeToken() {
        rs = signedIn("rs_officer");
        gaAdmin = signedIn("ga_admin");
        code = publish(rs, "3205RS", "CONDITIONAL", unique("参保人员"));
        load(csv(1, 20, ""), "REPLACE");
        token = Sharing.token(gaAdmin, "3205GA", "EXCHANGE").getValue();
    }

    @Test
    void aKeyLookupReturnsOnlyGrantedFieldsMaskedAndIsRecordedWithPurposeAndEndUser() {
        long grant = grant(Map.of("insured_id", "fpe", "insured_name", "keep(1,0)", "mobile", "keep(3,4)"), null, null);
        var r = app().get("/api/v1/exchange/resources/" + code + "/records/" + id(7),
                PURPOSE, enc("（2026）苏05刑初117号 核查"), "X-Citydata-User", "zhang.wei", "X-Request-Id", "req-lookup-7");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var record = r.json().get("record");
        assertThat(record.propertyNames()).containsExactly("insured_id", "insured_name", "mobile");
        assertThat(record.get("insured_name").asString()).isEqualTo("参***");
        assertThat(record.get("mobile").asString()).isEqualTo("139****0007");
        String pseudonym = record.get("insured_id").asString();
        assertThat(pseudonym).isNotEqualTo(id(7)).startsWith("320508");
        assertThat(ResidentIdNumber.isValid(pseudonym)).as("format-preserving: the check character stays valid").isTrue();
        assertThat(r.header("X-Request-Id")).isEqualTo("req-lookup-7");
        assertThat(lastRecords(1)).containsExactly("ALLOWED LOOKUP - （2026）苏05刑初117号 核查 " + grant + " zhang.wei");
        assertThat(db.sql("select request_id from audit_record where resource_code = ? order by seq desc limit 1").param(code)
                .query(String.class).single()).isEqualTo("req-lookup-7");

        var missing = app().get("/api/v1/exchange/resources/" + code + "/records/" + id(999), PURPOSE, "check");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("EXCHANGE_RECORD_NOT_FOUND");
    }

    @Test
    void queriesFilterAndPageOverGrantedFieldsButNeverByRangeOnAMaskedOne() {
        grant(Map.of("insured_id", "", "insured_name", "clear", "insured_since", "clear"), null, null);
        var page = app().get("/api/v1/exchange/resources/" + code + "/rows?fields=insured_name,insured_since&filter="
                + enc("insured_since:ge:2020-03-05") + "&sort=insured_name&size=5", PURPOSE, "stat");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().get("total").asLong()).isEqualTo(10); // days 05–09: serials 4–8 and 13–17
        assertThat(page.json().get("rows").size()).isEqualTo(5);
        var masked = app().get("/api/v1/exchange/resources/" + code + "/rows?filter=" + enc("insured_id:gt:3"), PURPOSE, "probe");
        assertThat(masked.status()).isEqualTo(403);
        assertThat(masked.json().get("code").asString()).isEqualTo("DATASTORE_MASKED_FILTER");
        var equal = app().get("/api/v1/exchange/resources/" + code + "/rows?filter=" + enc("insured_id:eq:" + id(3)), PURPOSE, "verify");
        assertThat(equal.json().get("total").asLong()).as("equality on a masked field is allowed").isEqualTo(1);
        var notGranted = app().get("/api/v1/exchange/resources/" + code + "/rows?fields=mobile", PURPOSE, "x");
        assertThat(notGranted.status()).isEqualTo(403);
        assertThat(notGranted.json().get("code").asString()).isEqualTo("EXCHANGE_FIELD_NOT_GRANTED");
        assertThat(notGranted.json().get("detail").asString()).contains("mobile");
        assertThat(lastRecords(1).get(0)).startsWith("DENIED READ EXCHANGE_FIELD_NOT_GRANTED");
    }

    @Test
    void theRequestPathRefusesEachWrongCallWithItsCodeAndRecordsIt() {
        grant(Map.of("insured_id", "", "insured_name", ""), null, null);
        String lookup = "/api/v1/exchange/resources/" + code + "/records/" + id(1);
        var noPurpose = app().get(lookup);
        assertThat(noPurpose.status()).isEqualTo(400);
        assertThat(noPurpose.json().get("code").asString()).isEqualTo("EXCHANGE_PURPOSE_REQUIRED");
        assertThat(lastRecords(1).get(0)).startsWith("DENIED LOOKUP EXCHANGE_PURPOSE_REQUIRED （未说明）");

        var person = signedIn("ga_officer").get(lookup, PURPOSE, "x");
        assertThat(person.json().get("code").asString()).isEqualTo("EXCHANGE_APPLICATION_ONLY");
        var unscoped = withToken(Sharing.token(gaAdmin, "3205GA", "CATALOG_READ").getValue()).get(lookup, PURPOSE, "x");
        assertThat(unscoped.status()).isEqualTo(403);
        assertThat(unscoped.json().get("code").asString()).isEqualTo("EXCHANGE_SCOPE_REQUIRED");
        var otherDepartment = withToken(Sharing.token(signedIn("sc_admin"), "3205SC", "EXCHANGE").getValue()).get(lookup, PURPOSE, "x");
        assertThat(otherDepartment.status()).isEqualTo(403);
        assertThat(otherDepartment.json().get("code").asString()).isEqualTo("EXCHANGE_NO_GRANT");
        assertThat(app().get(lookup, PURPOSE, "x", "X-Citydata-Grant", "abc").json().get("code").asString()).isEqualTo("EXCHANGE_BAD_HEADER");
        assertThat(app().get(lookup, PURPOSE, "x".repeat(201)).json().get("code").asString()).isEqualTo("EXCHANGE_HEADER_TOO_LONG");
        assertThat(lastRecords(4)).allMatch(r -> r.startsWith("DENIED LOOKUP"));
        // none of these refusals read anything
        assertThat(db.sql("select count(*) from audit_record where resource_code = ? and outcome = 'ALLOWED' and channel = 'EXCHANGE'")
                .param(code).query(Long.class).single()).isZero();
    }

    @Test
    void rateLimitAndDailyQuotaAnswer429WithRetryAfter() {
        grant(Map.of("insured_id", "", "insured_name", ""), 2, null);
        String lookup = "/api/v1/exchange/resources/" + code + "/records/" + id(1);
        assertThat(app().get(lookup, PURPOSE, "a").status()).isEqualTo(200);
        assertThat(app().get(lookup, PURPOSE, "b").status()).isEqualTo(200);
        var limited = app().get(lookup, PURPOSE, "c");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").asString()).isEqualTo("EXCHANGE_RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void aPageIsCutToTheQuotaLeftAndThenEverythingIsRefusedIncludingAnExportThatWouldPassIt() {
        grant(Map.of("insured_id", "", "insured_name", ""), null, 12L);
        var export = app().get("/api/v1/exchange/resources/" + code + "/export?format=csv", PURPOSE, "bulk");
        assertThat(export.status()).as("20 rows > 12 left").isEqualTo(429);
        assertThat(export.json().get("code").asString()).isEqualTo("DATASTORE_EXPORT_OVER_QUOTA");
        assertThat(export.header("Content-Disposition")).isNull();
        var first = app().get("/api/v1/exchange/resources/" + code + "/rows?size=10", PURPOSE, "p1").json();
        assertThat(first.get("rows").size()).isEqualTo(10);
        var second = app().get("/api/v1/exchange/resources/" + code + "/rows?size=10&page=1", PURPOSE, "p2").json();
        assertThat(second.get("rows").size()).as("only 2 of the quota left").isEqualTo(2);
        var over = app().get("/api/v1/exchange/resources/" + code + "/rows", PURPOSE, "p3");
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.json().get("code").asString()).isEqualTo("EXCHANGE_QUOTA");
        assertThat(over.header("Retry-After")).isNotNull();
        var service = app().get("/api/v1/exchange/services/" + code).json();
        assertThat(service.get("usedToday").asLong()).isEqualTo(12);
    }

    @Test
    void bulkExportStreamsMaskedCsvAndJsonLines() {
        grant(Map.of("insured_id", "", "insured_name", "keep(1,0)"), null, null);
        var csv = app().get("/api/v1/exchange/resources/" + code + "/export?format=csv&filter=" + enc("insured_id:in:" + id(1) + "," + id(2)), PURPOSE, "bulk");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).hasSize(3).first().isEqualTo("insured_id,insured_name");
        assertThat(csv.body()).contains("参***").doesNotContain(id(1)).doesNotContain("参保人1");
        var jsonl = app().get("/api/v1/exchange/resources/" + code + "/export?format=jsonl", PURPOSE, "bulk");
        assertThat(jsonl.body().lines().count()).isEqualTo(20);
        assertThat(app().get("/api/v1/exchange/resources/" + code + "/export?format=xlsx", PURPOSE, "bulk").json().get("code").asString())
                .isEqualTo("EXCHANGE_FORMAT");
        assertThat(lastRecords(2)).anyMatch(r -> r.startsWith("ALLOWED EXPORT_END"));
    }

    @Test
    void aNewVersionIsReadByTheVeryNextLookup() {
        grant(Map.of("insured_id", "", "insured_name", "clear"), null, null);
        var before = app().get("/api/v1/exchange/resources/" + code + "/records/" + id(5), PURPOSE, "check").json();
        assertThat(before.get("record").get("insured_name").asString()).isEqualTo("参保人5");
        // the access path remembers the current version for a moment; a load on this node must end that at once
        load(csv(1, 20, "").replace("参保人5,", "参保人5改,"), "REPLACE");
        var after = app().get("/api/v1/exchange/resources/" + code + "/records/" + id(5), PURPOSE, "check").json();
        assertThat(after.get("version").asInt()).isEqualTo(before.get("version").asInt() + 1);
        assertThat(after.get("record").get("insured_name").asString()).isEqualTo("参保人5改");
    }

    @Test
    void theChangeFeedGivesUpsertsAndDeletesSinceAVersion() {
        grant(Map.of("insured_id", "", "insured_name", "clear"), null, null);
        int v1 = app().get("/api/v1/exchange/resources/" + code + "/rows?size=1", PURPOSE, "sync").json().get("version").asInt();
        load(csv(3, 21, "").replace("参保人5,", "参保人5改,"), "REPLACE"); // 1 and 2 gone, 5 changed, 21 new
        var feed = app().get("/api/v1/exchange/resources/" + code + "/changes?since=" + v1, PURPOSE, "sync");
        assertThat(feed.status()).as(feed.body()).isEqualTo(200);
        var ops = feed.json().get("changes").valueStream()
                .map(c -> c.get("op").asString() + ":" + (c.get("values").get(1).isNull() ? "-" : c.get("values").get(1).asString())).toList();
        assertThat(feed.json().get("version").asInt()).isEqualTo(v1 + 1);
        // the two deletes carry only their key
        assertThat(ops).containsExactlyInAnyOrder("delete:-", "delete:-", "upsert:参保人5改", "upsert:参保人21");
        var none = app().get("/api/v1/exchange/resources/" + code + "/changes?since=" + (v1 + 1), PURPOSE, "sync").json();
        assertThat(none.get("changes").size()).isZero();
        var gone = app().get("/api/v1/exchange/resources/" + code + "/changes?since=0", PURPOSE, "sync");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().get("code").asString()).isEqualTo("DATASTORE_VERSION_GONE");
    }

    @Test
    void anApplicationListsWhatItMayCallWithAnOpenApiDescriptionOfIt() {
        long grant = grant(Map.of("insured_id", "", "insured_name", "keep(1,0)"), 30, 500L);
        var services = app().get("/api/v1/exchange/services").json();
        assertThat(services.valueStream().map(s -> s.get("resource").asString())).contains(code);
        var mine = services.valueStream().filter(s -> s.get("grant").asLong() == grant).findFirst().orElseThrow();
        assertThat(mine.get("fields").get("insured_name").asString()).isEqualTo("keep(1,0)");
        assertThat(mine.get("ratePerMinute").asInt()).isEqualTo(30);
        var openapi = app().get("/api/v1/exchange/services/" + code + "/openapi.json");
        assertThat(openapi.status()).isEqualTo(200);
        var doc = openapi.json();
        assertThat(doc.get("openapi").asString()).isEqualTo("3.0.3");
        assertThat(doc.get("paths").has("/api/v1/exchange/resources/" + code + "/records/{key}")).isTrue();
        var props = doc.get("components").get("schemas").get("Fields").get("properties");
        assertThat(props.propertyNames()).containsExactly("insured_id", "insured_name");
        assertThat(props.get("insured_name").get("x-masking").asString()).isEqualTo("keep(1,0)");
        assertThat(withToken(Sharing.token(signedIn("sc_admin"), "3205SC", "EXCHANGE").getValue())
                .get("/api/v1/exchange/services/" + code + "/openapi.json").status()).isEqualTo(403);
    }

    @Test
    void aRevokedGrantStopsWorkingOnTheNextRequest() {
        long grant = grant(Map.of("insured_id", "", "insured_name", ""), null, null);
        String lookup = "/api/v1/exchange/resources/" + code + "/records/" + id(4);
        assertThat(app().get(lookup, PURPOSE, "before").status()).isEqualTo(200);
        var revoked = rs.post("/api/v1/exchange/grants/" + grant + "/revoke", Map.of("reason", "用途已结束"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        var after = app().get(lookup, PURPOSE, "after");
        assertThat(after.status()).isEqualTo(403);
        assertThat(after.json().get("code").asString()).isEqualTo("EXCHANGE_GRANT_REVOKED");
        assertThat(lastRecords(2)).containsExactly("DENIED LOOKUP EXCHANGE_GRANT_REVOKED after - -", "ALLOWED LOOKUP - before " + grant + " -");
    }
}
