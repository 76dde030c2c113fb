package org.citydata.kernel.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.ResidentIdNumber;
import org.junit.jupiter.api.Test;

class TypeInferenceTest {

    /** A valid resident ID of 吴中区, born on a day of 1985. */
    private static String residentId(int serial) {
        String first17 = String.format("3205061985%02d%02d%03d", 1 + serial % 12, 1 + serial % 28, serial % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /** A valid credit code of a Suzhou company. */
    private static String creditCode(int serial) {
        String body = String.format("%08d", 13_570_000 + serial);
        String first17 = "913205" + "06" + body + CreditCode.organizationCheck(body);
        return first17 + CreditCode.checkCharacter(first17);
    }

    private static TypeInference.Proposal only(List<String> values) {
        return TypeInference.column("c", values);
    }

    /** 企业登记信息 as a market-regulation bureau exports it: 40 companies. */
    @Test
    void aCompanyRegisterGetsTheTypesItsOfficerWouldChoose() {
        var columns = List.of("统一社会信用代码", "企业名称", "法定代表人身份证号", "联系电话", "注册资本（万元）", "从业人数",
                "成立日期", "是否高新技术企业", "长途区号", "登记时间", "备注");
        var rows = new ArrayList<List<String>>();
        for (int i = 1; i <= 40; i++) {
            rows.add(List.of(creditCode(i), "苏州市吴中区第" + i + "精密机械有限公司", residentId(i),
                    "139" + String.format("%08d", 1_234_500 + i), i % 3 == 0 ? "500" : i + "00.5", Integer.toString(10 + i),
                    "2019/3/" + (1 + i % 28), i % 4 == 0 ? "是" : "否", "0512", "2024-05-0" + (1 + i % 9) + " 09:30:00",
                    i % 10 == 0 ? "已迁出" : ""));
        }
        var proposals = TypeInference.infer(columns, rows);
        assertThat(proposals).extracting(TypeInference.Proposal::kind).containsExactly(
                ValueKind.CREDIT_CODE, ValueKind.STRING, ValueKind.RESIDENT_ID, ValueKind.MOBILE, ValueKind.DECIMAL,
                ValueKind.INTEGER, ValueKind.DATE, ValueKind.BOOLEAN, ValueKind.STRING, ValueKind.TIMESTAMP, ValueKind.STRING);

        var code = proposals.get(0);
        assertThat(code.keyCandidate()).isTrue();
        assertThat(code.examples()).hasSize(3).first().isEqualTo(creditCode(1));
        var name = proposals.get(1);
        assertThat(name.maxLength()).isEqualTo("苏州市吴中区第40精密机械有限公司".length());
        assertThat(name.keyCandidate()).isTrue();
        var area = proposals.get(8);
        assertThat(area.unique()).isFalse();
        assertThat(area.examples()).containsExactly("0512"); // distinct examples only
        var remark = proposals.get(10);
        assertThat(remark.complete()).isFalse();
        assertThat(remark.blankShare()).isEqualTo(0.9);
        assertThat(remark.maxLength()).isEqualTo(3);
    }

    @Test
    void eighteenDigitIdsAreIdsAndBrokenOnesStayTextNotNumbers() {
        var ids = new ArrayList<String>();
        for (int i = 1; i <= 100; i++) ids.add(residentId(i));
        assertThat(only(ids).kind()).isEqualTo(ValueKind.RESIDENT_ID);
        // a few wrong check digits (≤ 5 %) still make an ID column; the wrong ones will be quarantined at load
        for (int i = 0; i < 5; i++) ids.set(i, ids.get(i).substring(0, 17) + (ids.get(i).charAt(17) == '1' ? '2' : '1'));
        assertThat(only(ids).kind()).isEqualTo(ValueKind.RESIDENT_ID);
        // mostly wrong: still not a number, a bank card or account number is not a quantity either
        var numbers = List.of("320506198501011235", "320506198501011236", "6222021001112223334");
        assertThat(only(numbers).kind()).isEqualTo(ValueKind.STRING);
    }

    @Test
    void zeroOneColumnsAreIntegersAndOnlyWordsAreBooleans() {
        assertThat(only(List.of("0", "1", "1", "0")).kind()).isEqualTo(ValueKind.INTEGER);
        assertThat(only(List.of("是", "否", "是")).kind()).isEqualTo(ValueKind.BOOLEAN);
        assertThat(only(List.of("Y", "N", "y")).kind()).isEqualTo(ValueKind.BOOLEAN);
        assertThat(only(List.of("true", "FALSE")).kind()).isEqualTo(ValueKind.BOOLEAN);
        assertThat(only(List.of("男", "女", "男")).kind()).isEqualTo(ValueKind.STRING);
    }

    @Test
    void zeroPaddedCodesStayText() {
        assertThat(only(List.of("000123", "000124", "000125")).kind()).isEqualTo(ValueKind.STRING);
        assertThat(only(List.of("0512", "0510", "0519")).kind()).isEqualTo(ValueKind.STRING);
        // one padded value among numbers says the column holds codes
        var values = new ArrayList<String>();
        for (int i = 100; i < 200; i++) values.add(Integer.toString(i));
        values.add("007");
        assertThat(only(values).kind()).isEqualTo(ValueKind.STRING);
        // but 0 and 0.5 are numbers
        assertThat(only(List.of("0", "12", "7")).kind()).isEqualTo(ValueKind.INTEGER);
        assertThat(only(List.of("0.5", "12.25", "-3")).kind()).isEqualTo(ValueKind.DECIMAL);
    }

    @Test
    void datesInTheWaysDepartmentsWriteThem() {
        assertThat(only(List.of("2024-01-31", "2023-12-01")).kind()).isEqualTo(ValueKind.DATE);
        assertThat(only(List.of("2024/1/31", "2023/12/1")).kind()).isEqualTo(ValueKind.DATE);
        assertThat(only(List.of("20240131", "20231201")).kind()).isEqualTo(ValueKind.DATE); // not an integer
        assertThat(only(List.of("2024-01-31 08:30:00", "2024-02-01 17:05:00")).kind()).isEqualTo(ValueKind.TIMESTAMP);
        assertThat(only(List.of("2024", "2023", "2022")).kind()).isEqualTo(ValueKind.INTEGER); // years are numbers
        assertThat(only(List.of("2024年1月", "2024年2月")).kind()).isEqualTo(ValueKind.STRING);
    }

    @Test
    void aFewStrayValuesDoNotSpoilAKindButMoreDo() {
        var values = new ArrayList<String>();
        for (int i = 0; i < 95; i++) values.add(Integer.toString(i * 7));
        for (int i = 0; i < 5; i++) values.add("不详");
        assertThat(only(values).kind()).isEqualTo(ValueKind.INTEGER); // 95 % fit
        values.add("不详");
        assertThat(only(values).kind()).isEqualTo(ValueKind.STRING); // 95 of 101 do not
    }

    @Test
    void blanksCountTowardsTheShareButNotTheKind() {
        var p = only(java.util.Arrays.asList("13800000001", "", null, " ", "13800000002"));
        assertThat(p.kind()).isEqualTo(ValueKind.MOBILE);
        assertThat(p.blankShare()).isEqualTo(0.6);
        assertThat(p.complete()).isFalse();
        assertThat(p.keyCandidate()).isFalse();
        var empty = only(List.of("", ""));
        assertThat(empty.kind()).isEqualTo(ValueKind.STRING);
        assertThat(empty.maxLength()).isZero();
        assertThat(empty.examples()).isEmpty();
    }

    @Test
    void rowsShorterThanTheHeaderHaveBlanksInTheMissingColumns() {
        var proposals = TypeInference.infer(List.of("编号", "数量"), List.of(List.of("A1", "3"), List.of("A2")));
        assertThat(proposals.get(1).kind()).isEqualTo(ValueKind.INTEGER);
        assertThat(proposals.get(1).blankShare()).isEqualTo(0.5);
        assertThat(proposals.get(0).keyCandidate()).isTrue();
    }
}
