package org.citydata.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;
import org.junit.jupiter.api.Test;

/** 开放质量评分: each uData-style criterion is met exactly when its condition holds, and the score is the share met. */
class OpennessScoreTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final String SUMMARY = "全市公园游客满意度抽样调查结果，按季度更新，包括公园名称、游客性别和满意度评分，用于改进公园服务和设施规划。";

    private static OpenDataset dataset(String summary, String fieldDescription, Licence licence, List<String> tags,
                                       LocalDate released, Long rows, UpdateCycle cycle, LocalDate dataUpdated) {
        return new OpenDataset("101-3205YL-000001", "公园游客满意度", summary, "3205YL", "市园林局", Theme.TOURISM,
                DataFormat.SPREADSHEET, cycle, OpenType.OPEN, null, licence, tags, released,
                List.of(new OpenDataset.Field("park", "公园", FieldType.STRING, "公园名称", "clear"),
                        new OpenDataset.Field("score", "满意度", FieldType.INTEGER, fieldDescription, "clear")),
                rows == null ? null : 1, rows, dataUpdated == null ? null : dataUpdated.atStartOfDay().atOffset(ZoneOffset.ofHours(8)),
                OffsetDateTime.now(), OffsetDateTime.now());
    }

    private static OpenDataset complete() {
        return dataset(SUMMARY, "1 至 5 分", Licence.CC_BY_4_0, List.of("公园"), TODAY.minusYears(1), 120L, UpdateCycle.QUARTERLY,
                TODAY.minusDays(30));
    }

    private static Map<String, Boolean> met(OpenDataset d) {
        var met = new LinkedHashMap<String, Boolean>();
        OpennessScore.of(d, TODAY).criteria().forEach(c -> met.put(c.name(), c.met()));
        return met;
    }

    @Test
    void aCompleteDatasetMeetsEveryCriterionTheIssueNames() {
        assertThat(met(complete())).containsExactly(Map.entry("description", true), Map.entry("documentation", true),
                Map.entry("licence", true), Map.entry("tags", true), Map.entry("releaseDate", true), Map.entry("formats", true),
                Map.entry("updateCycle", true));
        assertThat(OpennessScore.of(complete(), TODAY).percent()).isEqualTo(100);
    }

    @Test
    void eachMissingPieceFailsItsOwnCriterionOnly() {
        assertThat(met(dataset("太短的说明", "1 至 5 分", Licence.CC_BY_4_0, List.of("公园"), TODAY, 120L, UpdateCycle.QUARTERLY,
                TODAY)).get("description")).isFalse();
        var undocumented = met(dataset(SUMMARY, " ", Licence.CC_BY_4_0, List.of("公园"), TODAY, 120L, UpdateCycle.QUARTERLY, TODAY));
        assertThat(undocumented.get("documentation")).isFalse();
        assertThat(undocumented.values().stream().filter(m -> !m).count()).isEqualTo(1);
        assertThat(met(dataset(SUMMARY, "1 至 5 分", null, List.of("公园"), TODAY, 120L, UpdateCycle.QUARTERLY, TODAY)).get("licence"))
                .isFalse();
        assertThat(met(dataset(SUMMARY, "1 至 5 分", Licence.CC0_1_0, List.of(), TODAY, 120L, UpdateCycle.QUARTERLY, TODAY)).get("tags"))
                .isFalse();
        assertThat(met(dataset(SUMMARY, "1 至 5 分", Licence.CC0_1_0, List.of("公园"), null, 120L, UpdateCycle.QUARTERLY, TODAY))
                .get("releaseDate")).isFalse();
        // nothing loaded: nothing to download, and nothing updated
        var empty = met(dataset(SUMMARY, "1 至 5 分", Licence.CC0_1_0, List.of("公园"), TODAY, null, UpdateCycle.QUARTERLY, null));
        assertThat(empty.get("formats")).isFalse();
        assertThat(empty.get("updateCycle")).isFalse();
        var score = OpennessScore.of(dataset(SUMMARY, "1 至 5 分", Licence.CC0_1_0, List.of("公园"), TODAY, null, UpdateCycle.QUARTERLY,
                null), TODAY);
        assertThat(score.percent()).isEqualTo(71); // 5 of 7
    }

    @Test
    void dataIsOnTimeWithinItsCyclePlusAThird() {
        // quarterly: 92 days and a third of them
        assertThat(met(dataset(SUMMARY, "x", Licence.CC_BY_4_0, List.of("a"), TODAY, 1L, UpdateCycle.QUARTERLY, TODAY.minusDays(122)))
                .get("updateCycle")).isTrue();
        assertThat(met(dataset(SUMMARY, "x", Licence.CC_BY_4_0, List.of("a"), TODAY, 1L, UpdateCycle.QUARTERLY, TODAY.minusDays(123)))
                .get("updateCycle")).isFalse();
        assertThat(met(dataset(SUMMARY, "x", Licence.CC_BY_4_0, List.of("a"), TODAY, 1L, UpdateCycle.DAILY, TODAY.minusDays(3)))
                .get("updateCycle")).isFalse();
        // irregular data is never late
        assertThat(met(dataset(SUMMARY, "x", Licence.CC_BY_4_0, List.of("a"), TODAY, 1L, UpdateCycle.IRREGULAR, TODAY.minusYears(5)))
                .get("updateCycle")).isTrue();
    }
}
