package org.citydata.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.support.Http;
import tools.jackson.databind.JsonNode;

/** Fresh resources and applications for the exchange's tests, so no test depends on another's data. */
final class Sharing {

    private Sharing() {}

    /** 参保人员: a resident ID (L4, key), a name (L3), an insurance start date (L2) and a mobile number (L3). */
    static List<Map<String, Object>> insuredFields() {
        return List.of(field("insured_id", "公民身份号码", "RESIDENT_ID", 18, "L4", true),
                field("insured_name", "姓名", "STRING", 50, "L3", false),
                field("insured_since", "参保日期", "DATE", null, "L2", false),
                field("mobile", "手机号码", "MOBILE", 11, "L3", false));
    }

    /** A published resource of the officer's department with the given share type. */
    static String publish(Http officer, String department, String shareType, String name) {
        var draft = with(with(valid(name, department), "fields", insuredFields()), "shareType", shareType);
        var created = officer.post("/api/v1/resources", draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String code = created.json().get("code").asString();
        var published = officer.post("/api/v1/resources/" + code + "/publish", Map.of());
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return code;
    }

    /** A valid application body for the fields, for a year from today. */
    static Map<String, Object> form(String code, String... fields) {
        var f = new LinkedHashMap<String, Object>();
        f.put("resourceCode", code);
        f.put("fields", new ArrayList<>(List.of(fields)));
        f.put("purpose", "办理社会保险待遇资格认证时核验申请人身份");
        f.put("legalBasis", "《中华人民共和国社会保险法》第五十九条");
        f.put("periodFrom", LocalDate.now().toString());
        f.put("periodTo", LocalDate.now().plusYears(1).toString());
        f.put("dailyCalls", 2000);
        f.put("contactName", "王海峰");
        f.put("contactPhone", "0512-65225000");
        return f;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        var copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    /** Applies and expects the application to be accepted. */
    static JsonNode apply(Http requester, Map<String, Object> form) {
        var r = requester.post("/api/v1/exchange/applications", form);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static List<String> actions(JsonNode application) {
        return application.get("history").valueStream().map(e -> e.get("action").asString()).toList();
    }

    static List<String> violationCodes(Http.Response r) {
        return r.json().get("violations").valueStream().map(v -> v.get("field").asString() + ":" + v.get("code").asString()).toList();
    }

    /** Issues an API token of the department with the given scopes; answers its number and secret. */
    static Map.Entry<Long, String> token(Http admin, String department, String... scopes) {
        var r = admin.post("/api/v1/tokens", Map.of("name", "社保待遇认证系统", "departmentCode", department,
                "scopes", List.of(scopes), "validDays", 30));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return Map.entry(r.json().get("token").get("id").asLong(), r.json().get("secret").asString());
    }
}
