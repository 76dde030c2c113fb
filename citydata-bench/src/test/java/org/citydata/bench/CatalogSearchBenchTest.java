package org.citydata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keeps the catalog search benchmark working: a tiny run must load, index, search on every path and report. */
class CatalogSearchBenchTest {

    /** Words the segmenter keeps whole and that occur only where the anchor looks too: both paths must agree. */
    private static final Set<String> SAME_TOTALS = Set.of("人口", "公交线路", "营商环境", "数据", "失信被执行人 theme=CREDIT",
            "学生学籍 provider=3205JY", "(无) theme=TRANSPORT shareType=UNCONDITIONAL");

    @Test
    void aSmallRunSearchesEveryPathAgreesWithTheAnchorAndReportsPercentiles() throws Exception {
        var report = CatalogSearchBench.run(new CatalogSearchBench.Options(2_000, 50, 20, 20261121L));
        System.out.println(report.table());

        assertThat(report.loaded().resources()).isEqualTo(2_000);
        assertThat(report.loaded().fields()).isBetween(3 * 2_000, 8 * 2_000);
        assertThat(report.rebuildMillis()).isPositive();
        assertThat(report.queries()).hasSize(CatalogSearchBench.QUERIES.size());
        // a small catalog leaves a few rare combinations empty; most queries must find something on both paths
        assertThat(report.queries().stream().filter(q -> q.oursTotal() > 0 && q.anchorTotal() > 0).count())
                .isGreaterThanOrEqualTo(CatalogSearchBench.QUERIES.size() * 3 / 4);
        assertThat(report.queries()).filteredOn(q -> SAME_TOTALS.contains(q.query().label()))
                .hasSize(SAME_TOTALS.size())
                .allSatisfy(q -> assertThat(q.oursTotal()).as(q.query().label()).isPositive().isEqualTo(q.anchorTotal()));
        for (var stats : List.of(report.http(), report.inProcess(), report.anchor(), report.floor())) {
            assertThat(stats.requests()).isEqualTo(50);
            assertThat(stats.p50()).as(stats.path()).isPositive().isLessThanOrEqualTo(stats.p95());
            assertThat(stats.p95()).as(stats.path()).isLessThanOrEqualTo(stats.p99());
        }
        assertThat(report.table()).contains("p50 ms", "p95 ms", "p99 ms", "ratio anchor/ours");
    }
}
