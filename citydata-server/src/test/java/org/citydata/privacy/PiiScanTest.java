package org.citydata.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

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

class PiiScanTest extends WebTest {

    @Autowired
    JdbcClient db;

    private Http officer;
    private String code;

    /** A resource whose fields were all registered as plain text, at levels too low for what they hold. */
    @BeforeEach
    void aResourceOfPersonalDataRegisteredTooLow() {
        officer = signedIn("ga_officer");
        code = officer.post("/api/v1/resources", with(valid(unique("来访人员登记"), "3205GA"), "fields", List.of(
                field("id_number", "公民身份号码", "STRING", 18, "L2", true),
                field("mobile", "联系电话", "STRING", 20, "L1", false),
                field("email", "电子邮箱", "STRING", 50, "L2", false),
                field("card", "银行卡号", "STRING", 30, "L4", false),
                field("note", "备注", "STRING", 50, "L1", false)))).json().get("code").asString();
    }

    static String residentId(int serial) {
        String first17 = "32050819850505" + String.format("%03d", serial);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /** A 16-digit card number whose last digit is its Luhn check digit. */
    static String bankCard(int serial) {
        String body = "622202" + String.format("%09d", serial);
        int sum = 0;
        boolean twice = true; // the check digit will be rightmost, so the body's last digit is doubled
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (twice && (d *= 2) > 9) d -= 9;
            sum += d;
            twice = !twice;
        }
        return body + (10 - sum % 10) % 10;
    }

    /** 20 rows; the last mobile is "暂无", so 95 % of the mobiles are mobiles. */
    static byte[] csv() {
        var sb = new StringBuilder("id_number,mobile,email,card,note\n");
        for (int i = 1; i <= 20; i++) {
            sb.append(residentId(i)).append(',').append(i == 20 ? "暂无" : "138" + String.format("%08d", i)).append(',')
                    .append("visitor").append(i).append("@example.com,").append(bankCard(i)).append(",第").append(i).append("次来访\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void load() {
        var run = officer.upload("/api/v1/resources/" + code + "/data/uploads", "来访.csv", csv(), Map.of());
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        assertThat(run.json().get("rowsLoaded").asLong()).isEqualTo(20);
    }

    private static JsonNode proposal(JsonNode proposals, String field) {
        for (var p : proposals) if (p.get("field").asString().equals(field)) return p;
        return null;
    }

    @Test
    void aScanProposesLevelsForThePersonalDataAndTheOfficerConfirmsThemIntoTheCatalog() {
        load();
        var scan = officer.post("/api/v1/resources/" + code + "/pii-scan", Map.of());
        assertThat(scan.status()).as(scan.body()).isEqualTo(200);
        var proposals = scan.json();
        assertThat(proposals.size()).as(proposals.toString()).isEqualTo(4); // not the free text

        var id = proposal(proposals, "id_number");
        assertThat(id.get("label").asString()).isEqualTo("公民身份号码");
        assertThat(id.get("kind").asString()).isEqualTo("RESIDENT_ID");
        assertThat(id.get("current").asString()).isEqualTo("L2");
        assertThat(id.get("proposed").asString()).isEqualTo("L4");
        assertThat(id.get("share").asDouble()).isEqualTo(1.0);
        assertThat(id.get("sampleSize").asInt()).isEqualTo(20);
        assertThat(id.get("masking").asString()).isEqualTo("hash");
        assertThat(id.get("example").asString()).matches("[0-9a-f]{16}");
        assertThat(id.get("raises").asBoolean()).isTrue();

        var mobile = proposal(proposals, "mobile");
        assertThat(mobile.get("kind").asString()).isEqualTo("MOBILE");
        assertThat(mobile.get("share").asDouble()).isEqualTo(0.95);
        assertThat(mobile.get("proposed").asString()).isEqualTo("L3");
        assertThat(mobile.get("masking").asString()).isEqualTo("keep(3,4)");
        assertThat(mobile.get("example").asString()).isEqualTo("138****0001");

        var email = proposal(proposals, "email");
        assertThat(email.get("kind").asString()).isEqualTo("EMAIL");
        assertThat(email.get("proposed").asString()).isEqualTo("L3");
        assertThat(email.get("masking").asString()).isEqualTo("mask");
        assertThat(email.get("example").asString()).isEqualTo("*".repeat("visitor1@example.com".length()));

        // already at L4: the scan confirms it and proposes nothing lower
        var card = proposal(proposals, "card");
        assertThat(card.get("kind").asString()).isEqualTo("BANK_CARD");
        assertThat(card.get("current").asString()).isEqualTo("L4");
        assertThat(card.get("proposed").asString()).isEqualTo("L4");
        assertThat(card.get("raises").asBoolean()).isFalse();

        // the sample was read through the access path, under the scan's purpose
        assertThat(db.sql("select count(*) from audit_record where resource_code = ? and actor = 'ga_officer' and purpose = 'PII 检测' and action = 'READ'")
                .param(code).query(Long.class).single()).isEqualTo(1);

        var levels = new LinkedHashMap<String, String>();
        levels.put("id_number", "L4");
        levels.put("mobile", "L3");
        levels.put("email", "L4"); // the officer chose more than proposed
        var confirmed = officer.post("/api/v1/resources/" + code + "/pii-scan/confirm", Map.of("sensitivities", levels));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("version").asInt()).isEqualTo(2);

        var fields = officer.get("/api/v1/resources/" + code).json().get("metadata").get("fields");
        var byName = new LinkedHashMap<String, String>();
        fields.forEach(f -> byName.put(f.get("name").asString(), f.get("sensitivity").asString()));
        assertThat(byName).containsExactly(Map.entry("id_number", "L4"), Map.entry("mobile", "L3"), Map.entry("email", "L4"),
                Map.entry("card", "L4"), Map.entry("note", "L1"));
        var history = officer.get("/api/v1/resources/" + code + "/history").json();
        assertThat(history.toString()).contains("\"changedBy\":\"ga_officer\"").contains("\"action\":\"UPDATE\"");

        // scanned again, nothing is left to raise
        var again = officer.post("/api/v1/resources/" + code + "/pii-scan", Map.of()).json();
        again.forEach(p -> assertThat(p.get("raises").asBoolean()).as(p.toString()).isFalse());
    }

    @Test
    void onlyThoseWhoMayEditTheResourceScanOrConfirm() {
        load();
        for (var user : new String[] {"ga_staff", "dsj_auditor"}) { // both may see the draft, neither may edit it
            var http = signedIn(user);
            var scan = http.post("/api/v1/resources/" + code + "/pii-scan", Map.of());
            assertThat(scan.status()).as(user).isEqualTo(403);
            assertThat(scan.json().get("code").asString()).isEqualTo("IDENTITY_FORBIDDEN");
            var confirm = http.post("/api/v1/resources/" + code + "/pii-scan/confirm", Map.of("sensitivities", Map.of("note", "L1")));
            assertThat(confirm.status()).as(user).isEqualTo(403);
            assertThat(http.get("/resources/" + code + "/pii-scan").status()).as(user).isEqualTo(403);
        }
        // another department does not even learn that the draft exists
        assertThat(signedIn("rs_officer").post("/api/v1/resources/" + code + "/pii-scan", Map.of()).json().get("code").asString())
                .isEqualTo("CATALOG_NOT_FOUND");
        assertThat(db.sql("select count(*) from audit_record where resource_code = ? and purpose = 'PII 检测'")
                .param(code).query(Long.class).single()).isZero();
        assertThat(officer.get("/api/v1/resources/" + code).json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void aResourceWithoutDataOrABadChoiceIsAnsweredWithItsCode() {
        var noData = officer.post("/api/v1/resources/" + code + "/pii-scan", Map.of());
        assertThat(noData.status()).isEqualTo(404);
        assertThat(noData.json().get("code").asString()).isEqualTo("DATASTORE_NO_DATA");

        var confirm = "/api/v1/resources/" + code + "/pii-scan/confirm";
        var unknown = officer.post(confirm, Map.of("sensitivities", Map.of("salary", "L3")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asString()).isEqualTo("PRIVACY_INVALID_CHOICE");
        assertThat(unknown.json().get("violations").get(0).get("code").asString()).isEqualTo("privacy.unknown_field");
        assertThat(officer.post(confirm, Map.of("sensitivities", Map.of())).json().get("code").asString()).isEqualTo("PRIVACY_INVALID_CHOICE");
        assertThat(officer.post(confirm, Map.of()).json().get("code").asString()).isEqualTo("PRIVACY_INVALID_CHOICE");
        assertThat(officer.post(confirm, Map.of("sensitivities", Map.of("note", "L9"))).json().get("code").asString())
                .isEqualTo("REQUEST_MALFORMED_JSON");
        assertThat(officer.get("/api/v1/resources/" + code).json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void theConsolePageShowsTheEvidenceAndConfirmsTheTickedFields() {
        load();
        var page = officer.get("/resources/" + code + "/pii-scan");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"pii-proposals\"").contains("公民身份号码").contains("138****0001").contains("keep(3,4)")
                .contains("95%");
        assertThat(officer.get("/resources/" + code + "/data").body()).contains("id=\"pii-scan\"");

        var confirmed = officer.formPairs("/resources/" + code + "/pii-scan/confirm", "field", "mobile", "level.mobile", "L3",
                "level.email", "L3");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(302);
        assertThat(confirmed.header("Location")).endsWith("/resources/" + code);
        var fields = officer.get("/api/v1/resources/" + code).json().get("metadata").get("fields");
        assertThat(fields.get(1).get("sensitivity").asString()).isEqualTo("L3"); // mobile, ticked
        assertThat(fields.get(2).get("sensitivity").asString()).isEqualTo("L2"); // email, not ticked

        var nothing = officer.formPairs("/resources/" + code + "/pii-scan/confirm");
        assertThat(nothing.header("Location")).endsWith("/resources/" + code + "/pii-scan");
    }
}
