package org.citydata.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.support.Http;

/** Fresh resources with data for the open-data tests, so no test depends on another's. */
final class Opened {

    static final String[] DISTRICTS = {"320505", "320506", "320508"};

    private Opened() {}

    /**
     * 居民健康体检记录: a resident ID the steward left as plain L1 text (the key), a birth date, sex, district code and a
     * count of visits, all L1/L2 — what the risk assessment is for.
     */
    static List<Map<String, Object>> checkupFields() {
        return List.of(field("person_id", "身份证件号码", "STRING", 18, "L1", true),
                field("birth_date", "出生日期", "DATE", null, "L2", false),
                field("sex", "性别", "STRING", 2, "L1", false),
                field("district", "所属区县", "STRING", 6, "L1", false),
                field("visits", "体检次数", "INTEGER", null, "L1", false),
                field("remark", "备注", "STRING", 100, "L1", false));
    }

    /** A published resource of the officer's department, open to the public by its catalog entry. */
    static String publish(Http officer, String department, String name, String openType) {
        var draft = with(with(with(valid(name, department), "fields", checkupFields()), "openType", openType), "theme", "HEALTH");
        if (openType.equals("CONDITIONAL")) draft = with(draft, "openCondition", "限注册开发者使用，不得用于识别个人。");
        var created = officer.post("/api/v1/resources", draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String code = created.json().get("code").asString();
        var published = officer.post("/api/v1/resources/" + code + "/publish", Map.of());
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return code;
    }

    /** {@code rows} people with valid resident IDs, birth dates over forty years, two sexes and three districts. */
    static String csv(int rows, long seed) {
        var random = new Random(seed);
        var out = new StringBuilder("person_id,birth_date,sex,district,visits,remark\n");
        for (int i = 0; i < rows; i++) {
            var born = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(40 * 365));
            String district = DISTRICTS[random.nextInt(DISTRICTS.length)];
            String first17 = district + born.toString().replace("-", "") + String.format("%03d", i % 1000);
            out.append(first17).append(ResidentIdNumber.checkCharacter(first17)).append(',').append(born).append(',')
                    .append(random.nextBoolean() ? "男" : "女").append(',').append(district).append(',').append(1 + random.nextInt(5))
                    .append(",无\n");
        }
        return out.toString();
    }

    static void load(Http officer, String code, String csv) {
        var r = officer.upload("/api/v1/resources/" + code + "/data/uploads", "checkups.csv", csv.getBytes(StandardCharsets.UTF_8),
                Map.of("mode", "REPLACE"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** An opening body: fields with their rules, quasi-identifiers, k. */
    static Map<String, Object> form(String code, Map<String, String> fields, List<String> quasi, int k) {
        var f = new LinkedHashMap<String, Object>();
        f.put("resourceCode", code);
        f.put("fields", fields);
        f.put("quasiIdentifiers", new ArrayList<>(quasi));
        f.put("k", k);
        return f;
    }

    static Map<String, String> allClear() {
        var m = new LinkedHashMap<String, String>();
        for (String f : List.of("person_id", "birth_date", "sex", "district", "visits", "remark")) m.put(f, "clear");
        return m;
    }

    /** Proposes an opening and expects it to pass the risk assessment (state IN_REVIEW); its id. */
    static long proposeForReview(Http officer, Map<String, Object> form) {
        var r = officer.post("/api/v1/openings", form);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("opening").get("state").asString()).as(r.body()).isEqualTo("IN_REVIEW");
        return r.json().get("opening").get("id").asLong();
    }

    /** The bureau approves an opening in review: the dataset is public. */
    static void approve(Http bureau, long id) {
        var r = bureau.post("/api/v1/openings/" + id + "/approve", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
