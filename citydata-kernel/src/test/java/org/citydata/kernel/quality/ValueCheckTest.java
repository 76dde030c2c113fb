package org.citydata.kernel.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.kernel.quality.ValueCheck.problem;

import org.junit.jupiter.api.Test;

class ValueCheckTest {

    @Test
    void missingValuesFailOnlyWhenRequired() {
        assertThat(problem(ValueKind.STRING, 10, true, " ")).contains("value.required");
        assertThat(problem(ValueKind.INTEGER, null, false, "")).isEmpty();
        assertThat(problem(ValueKind.STRING, 10, true, null)).contains("value.required");
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        assertThat(problem(ValueKind.STRING, 4, false, "苏州市民")).isEmpty();
        assertThat(problem(ValueKind.STRING, 4, false, "苏州市民卡")).contains("value.too_long");
    }

    @Test
    void typesAreCheckedTheWayDepartmentsWriteThem() {
        assertThat(problem(ValueKind.INTEGER, null, false, "42")).isEmpty();
        assertThat(problem(ValueKind.INTEGER, null, false, "4.2")).contains("value.integer");
        assertThat(problem(ValueKind.DECIMAL, null, false, "-3.14")).isEmpty();
        assertThat(problem(ValueKind.DECIMAL, null, false, "三")).contains("value.decimal");
        assertThat(problem(ValueKind.BOOLEAN, null, false, "是")).isEmpty();
        assertThat(problem(ValueKind.BOOLEAN, null, false, "maybe")).contains("value.boolean");
        assertThat(problem(ValueKind.DATE, null, false, "2024-02-29")).isEmpty();
        assertThat(problem(ValueKind.DATE, null, false, "2024/2/9")).isEmpty();
        assertThat(problem(ValueKind.DATE, null, false, "20240229")).isEmpty();
        assertThat(problem(ValueKind.DATE, null, false, "2023-02-29")).contains("value.date");
        assertThat(problem(ValueKind.DATE, null, false, "2023/2/29")).contains("value.date"); // not silently the 28th
        assertThat(problem(ValueKind.TIMESTAMP, null, false, "2024-05-01 08:30:00")).isEmpty();
        assertThat(problem(ValueKind.TIMESTAMP, null, false, "2024-05-01T08:30:00+08:00")).isEmpty();
        assertThat(problem(ValueKind.TIMESTAMP, null, false, "上午八点")).contains("value.timestamp");
    }

    @Test
    void identifierTypesApplyTheirOwnRules() {
        assertThat(problem(ValueKind.RESIDENT_ID, 18, true, "11010519491231002X")).isEmpty();
        assertThat(problem(ValueKind.RESIDENT_ID, 18, true, "110105194912310021")).contains("id.check");
        assertThat(problem(ValueKind.CREDIT_CODE, 18, true, "91350100M000100Y43")).isEmpty();
        assertThat(problem(ValueKind.CREDIT_CODE, 18, true, "91350100M000100Y44")).contains("credit.check");
        assertThat(problem(ValueKind.MOBILE, null, true, "138 1234 5678")).isEmpty();
        assertThat(problem(ValueKind.MOBILE, null, true, "0512-68616011")).contains("value.mobile");
    }
}
