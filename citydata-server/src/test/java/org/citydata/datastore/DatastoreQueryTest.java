package org.citydata.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.datastore.People.enc;

import java.util.ArrayList;
import java.util.List;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class DatastoreQueryTest extends WebTest {

    @Autowired
    JdbcClient db;

    private Http officer;
    private String code;

    @BeforeEach
    void sixPeopleLoaded() {
        officer = signedIn("ga_officer");
        code = People.loaded(officer, unique("查询测试人口"));
    }

    private Http.Response rows(String query) {
        return officer.get("/api/v1/resources/" + code + "/data/rows?" + query);
    }

    /** The ids of the rows a filter finds, in the order returned. */
    private List<String> ids(String... filters) {
        var query = new StringBuilder("size=100&fields=id");
        for (String f : filters) query.append("&filter=").append(enc(f));
        var r = rows(query.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var ids = new ArrayList<String>();
        r.json().get("rows").forEach(row -> ids.add(row.get(0).asString()));
        return ids;
    }

    @Test
    void eachOperatorFindsItsRowsWithChineseValuesAndTypedComparisons() {
        assertThat(ids("name:eq:张三")).containsExactly("P01");
        assertThat(ids("name:ne:张三")).containsExactly("P02", "P03", "P04", "P05", "P06");
        assertThat(ids("age:gt:30")).containsExactly("P03", "P04");
        assertThat(ids("age:ge:30")).containsExactly("P01", "P03", "P04");
        assertThat(ids("age:lt:25")).containsExactly("P05");
        assertThat(ids("age:le:25")).containsExactly("P02", "P05");
        assertThat(ids("age:gt:9")).as("numbers compare as numbers, not text").hasSize(5);
        assertThat(ids("score:gt:90")).containsExactly("P02", "P06");
        assertThat(ids("birth_date:ge:2000-01-01")).containsExactly("P05", "P06");
        assertThat(ids("birth_date:lt:2000/1/1")).as("the date forms a load accepts").containsExactly("P01", "P02", "P03");
        assertThat(ids("active:eq:是")).containsExactly("P01", "P03", "P05");
        assertThat(ids("active:eq:false")).containsExactly("P02", "P04", "P06");
        assertThat(ids("name:contains:张")).containsExactly("P01", "P04");
        assertThat(ids("note:contains:LINE")).as("case-insensitive").containsExactly("P04");
        assertThat(ids("note:contains:%")).as("% is a character, not a wildcard").containsExactly("P06");
        assertThat(ids("note:contains:_")).as("so is _").containsExactly("P06");
        assertThat(ids("age:contains:4")).as("contains reads numbers as text").containsExactly("P03");
        assertThat(ids("name:in:张三,李四,无此人")).containsExactly("P01", "P02");
        assertThat(ids("age:in:25, 41")).containsExactly("P02", "P03");
        assertThat(ids("age:isnull")).containsExactly("P06");
        assertThat(ids("score:isnull:")).containsExactly("P03");
        assertThat(ids("note:notnull")).containsExactly("P01", "P03", "P04", "P05", "P06");
        assertThat(ids("note:eq:line1:x")).as("the value is everything after the second colon").containsExactly("P04");
        assertThat(ids("note:eq:引号\"x\"")).containsExactly("P03");
        assertThat(ids("name:contains:张", "age:gt:50")).as("all filters must hold").containsExactly("P04");
    }

    @Test
    void theTotalCountsTheRowsThatMatchAndPagesWalkThem() {
        var page0 = rows("size=1&filter=" + enc("name:contains:张")).json();
        assertThat(page0.get("total").asLong()).isEqualTo(2);
        assertThat(page0.get("rows").size()).isEqualTo(1);
        var page1 = rows("size=1&page=1&filter=" + enc("name:contains:张")).json();
        assertThat(page1.get("rows").get(0).get(0).asString()).isEqualTo("P04");
        assertThat(rows("size=1").json().get("total").asLong()).as("no filter: the version's row count").isEqualTo(6);
    }

    @Test
    void aRememberedTotalBelongsToItsVersionSoANewVersionIsCountedAfresh() {
        String filter = "size=1&filter=" + enc("name:contains:张");
        assertThat(rows(filter).json().get("total").asLong()).isEqualTo(2);
        assertThat(rows(filter).json().get("total").asLong()).as("asked again").isEqualTo(2);
        var csv = People.CSV + "P07,张七,33,70,true,1991-03-03,new\n";
        var run = officer.upload("/api/v1/resources/" + code + "/data/uploads", "people.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of());
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        var after = rows(filter).json();
        assertThat(after.get("version").asInt()).isEqualTo(2);
        assertThat(after.get("total").asLong()).as("the new version's count, not the one remembered for version 1").isEqualTo(3);
        assertThat(rows("size=1&filter=" + enc("name:contains:李")).json().get("total").asLong()).as("another filter").isEqualTo(1);
    }

    @Test
    void sortOrdersByFieldsDescendingWithEmptyValuesLast() {
        var r = rows("fields=id,age&sort=-age").json();
        assertThat(column(r, 0)).containsExactly("P04", "P03", "P01", "P02", "P05", "P06");
        assertThat(column(rows("fields=id&sort=age").json(), 0)).containsExactly("P05", "P02", "P01", "P03", "P04", "P06");
        assertThat(column(rows("fields=id&sort=" + enc("-birth_date,name")).json(), 0))
                .containsExactly("P05", "P06", "P02", "P01", "P03", "P04");
        assertThat(column(rows("fields=id&sort=-active&sort=-age").json(), 0))
                .as("repeated sort parameters add keys").containsExactly("P03", "P01", "P05", "P04", "P02", "P06");
    }

    private static List<String> column(JsonNode page, int index) {
        var values = new ArrayList<String>();
        page.get("rows").forEach(row -> values.add(row.get(index).asString()));
        return values;
    }

    @Test
    void valuesAreBoundNeverSplicedSoAnInjectionFindsNothingAndHarmsNothing() {
        assertThat(ids("name:eq:x' or '1'='1")).isEmpty();
        assertThat(ids("name:eq:'; drop table dataset.x; --")).isEmpty();
        assertThat(rows("filter=" + enc("age:in:1) or (1=1")).json().get("code").asString())
                .as("refused as a bad number, not run").isEqualTo("DATASTORE_BAD_FILTER");
        var sortInjection = rows("sort=" + enc("name; drop table datastore_access"));
        assertThat(sortInjection.status()).isEqualTo(400);
        assertThat(sortInjection.json().get("code").asString()).isEqualTo("DATASTORE_UNKNOWN_FIELD");
        var fieldInjection = rows("fields=" + enc("name\" from pg_user --"));
        assertThat(fieldInjection.json().get("code").asString()).isEqualTo("DATASTORE_UNKNOWN_FIELD");
        assertThat(rows("size=100").json().get("rows").size()).as("the table is intact").isEqualTo(6);
    }

    @Test
    void unknownFieldsOperatorsAndValuesThatDoNotFitTheTypeAreRefusedWithCodes() {
        var field = rows("filter=" + enc("nickname:eq:x"));
        assertThat(field.status()).isEqualTo(400);
        assertThat(field.json().get("code").asString()).isEqualTo("DATASTORE_UNKNOWN_FIELD");
        assertThat(field.json().get("detail").asString()).contains("nickname");

        var op = rows("filter=" + enc("name:like:张"));
        assertThat(op.status()).isEqualTo(400);
        assertThat(op.json().get("code").asString()).isEqualTo("DATASTORE_UNKNOWN_OPERATOR");
        assertThat(op.json().get("detail").asString()).contains("like");

        var value = rows("filter=" + enc("age:gt:abc"));
        assertThat(value.status()).isEqualTo(400);
        assertThat(value.json().get("code").asString()).isEqualTo("DATASTORE_BAD_FILTER");
        assertThat(value.json().get("detail").asString()).contains("age").contains("abc");
        var english = officer.english().get("/api/v1/resources/" + code + "/data/rows?filter=" + enc("age:gt:abc"));
        assertThat(english.json().get("detail").asString()).isEqualTo("“abc” is not a valid INTEGER value for field age.");

        assertThat(rows("filter=" + enc("birth_date:eq:2023-02-29")).json().get("code").asString()).isEqualTo("DATASTORE_BAD_FILTER");
        assertThat(rows("filter=" + enc("active:eq:maybe")).json().get("code").asString()).isEqualTo("DATASTORE_BAD_FILTER");
        assertThat(rows("filter=" + enc("age:in:1,x")).json().get("detail").asString()).contains("x");
        assertThat(rows("filter=" + enc("name")).json().get("code").asString()).isEqualTo("DATASTORE_MALFORMED_FILTER");
        assertThat(rows("filter=" + enc("name:eq")).json().get("code").asString()).isEqualTo("DATASTORE_MALFORMED_FILTER");
        assertThat(rows("filter=" + enc("name:isnull:x")).json().get("code").asString()).isEqualTo("DATASTORE_MALFORMED_FILTER");
        assertThat(rows("sort=-nope").json().get("code").asString()).isEqualTo("DATASTORE_UNKNOWN_FIELD");
    }

    @Test
    void aFilteredReadIsRecordedWithTheRowsItReturned() {
        rows("fields=id,name&filter=" + enc("name:contains:张"));
        var record = db.sql("select fields::text || ' ' || row_count || ' ' || criteria || ' ' || outcome from audit_record where resource_code = ? order by seq desc limit 1")
                .param(code).query(String.class).single();
        assertThat(record).isEqualTo("{id,name} 2 name:contains:张 ALLOWED");
    }
}
