package org.citydata.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;

import java.util.ArrayList;
import java.util.List;
import org.citydata.catalog.internal.ResourceRepository;
import org.citydata.identity.Actor;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Resources read together: each still comes with its own fields, in their order, read from the database now. */
class ReadManyTest extends WebTest {

    @Autowired
    Catalog catalog;

    @Autowired
    ResourceRepository resources;

    @Autowired
    JdbcClient db;

    @Test
    void resourcesReadTogetherEachKeepTheirOwnFieldsInOrderAndUnknownOrMalformedCodesAreLeftOut() {
        var ga = signedIn("ga_officer");
        var three = valid(unique("居住登记"), "3205GA");
        three.put("fields", new ArrayList<>(List.of(
                field("reg_no", "登记编号", "STRING", 32, "L1", true),
                field("address", "居住地址", "STRING", 200, "L2", false),
                field("reg_date", "登记日期", "DATE", null, "L1", false))));
        String a = ga.post("/api/v1/resources", three).json().get("code").asString();
        String b = ga.post("/api/v1/resources", valid(unique("户籍人口"), "3205GA")).json().get("code").asString();

        // from the database, not from what was remembered when they were written
        var fromDatabase = resources.findByCodes(List.of(b, a, "101-3205GA-999999"));
        assertThat(fromDatabase).extracting(Resource::code).containsExactlyInAnyOrder(a, b);
        for (var r : fromDatabase) {
            if (r.code().equals(a)) assertThat(r.metadata().fields()).extracting(FieldSpec::name).containsExactly("reg_no", "address", "reg_date");
            else assertThat(r.metadata().fields()).extracting(FieldSpec::name).containsExactly("id_number", "name");
        }
        assertThat(fromDatabase.stream().filter(r -> r.code().equals(a)).findFirst().orElseThrow().metadata().fields().get(2).type())
                .isEqualTo(FieldType.DATE);

        var read = catalog.readEach(Actor.system(0), List.of(a, b, "101-3205GA-999999", "not a code"));
        assertThat(read).containsOnlyKeys(a, b);
        assertThat(read.get(a).metadata().fields()).extracting(FieldSpec::name).containsExactly("reg_no", "address", "reg_date");
    }

    @Test
    void readEachReadsTheDatabaseNowNotWhatWasReadInTheLastSeconds() {
        var ga = signedIn("ga_officer");
        String code = ga.post("/api/v1/resources", valid(unique("暂住登记"), "3205GA")).json().get("code").asString();
        String before = catalog.get(Actor.system(0), code).value().metadata().summary(); // now remembered
        // as another platform node would change it: this node's memory is not told
        db.sql("update catalog_resource set summary = '另一节点修改的摘要' where code = ?").param(code).update();
        assertThat(catalog.get(Actor.system(0), code).value().metadata().summary()).isEqualTo(before);
        assertThat(catalog.readEach(Actor.system(0), List.of(code)).get(code).metadata().summary()).isEqualTo("另一节点修改的摘要");
    }
}
