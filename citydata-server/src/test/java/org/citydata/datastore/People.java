package org.citydata.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.citydata.support.Http;

/** A small resource of 公安局 (3205GA) with a field of every kind the queries care about, and six rows loaded. */
final class People {

    /** id, name, age, score, active, birth_date, note — the upload's rows, in key order. */
    static final String CSV = """
            编号,姓名,年龄,评分,在册,出生日期,备注
            P01,张三,30,88.5,true,1994-05-01,"a, b"
            P02,李四,25,92.25,false,1999-12-31,
            P03,王五,41,,是,1983-01-15,"引号""x""\"
            P04,张三丰,70,60,否,,line1:x
            P05,钱七,18,75.5,1,2006-06-06,plain
            P06,赵六,,100,0,2000-02-29,50%_off
            """;

    private People() {}

    /** A draft resource with no data yet; its code. */
    static String register(Http officer, String name) {
        var draft = with(valid(name, "3205GA"), "fields", List.of(
                field("id", "编号", "STRING", 10, "L2", true),
                field("name", "姓名", "STRING", 20, "L3", false),
                field("age", "年龄", "INTEGER", null, "L2", false),
                field("score", "评分", "DECIMAL", null, "L2", false),
                field("active", "在册", "BOOLEAN", null, "L2", false),
                field("birth_date", "出生日期", "DATE", null, "L3", false),
                field("note", "备注", "STRING", 50, "L2", false)));
        var created = officer.post("/api/v1/resources", draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("code").asString();
    }

    /** The resource with the six rows as its version 1; its code. */
    static String loaded(Http officer, String name) {
        String code = register(officer, name);
        var run = officer.upload("/api/v1/resources/" + code + "/data/uploads", "people.csv", CSV.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        assertThat(run.json().get("rowsLoaded").asLong()).as(run.body()).isEqualTo(6);
        return code;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
