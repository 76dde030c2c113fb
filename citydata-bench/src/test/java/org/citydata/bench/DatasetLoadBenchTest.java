package org.citydata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the dataset load benchmark working: a tiny run must load and export on every path and report ratios. */
class DatasetLoadBenchTest {

    @Test
    void aSmallRunLoadsAndExportsOnEveryPathAndReportsRatios() throws Exception {
        var report = DatasetLoadBench.run(new DatasetLoadBench.Options(List.of(2_000L), 1, 500, 20261121L, 20));
        System.out.println(report.table());

        assertThat(report.files()).singleElement().satisfies(f -> {
            assertThat(f.rows()).isEqualTo(2_000);
            assertThat(f.bytes() / f.rows()).isBetween(90L, 120L); // about 100 bytes a row: 10 million ≈ 1 GB
        });
        var round = report.rounds().get(0);
        for (var step : round.steps()) {
            assertThat(step.rows()).as(step.path()).isEqualTo(2_000);
            assertThat(step.nanos()).as(step.path()).isPositive();
            assertThat(step.heap().used()).as(step.path()).isPositive();
        }
        assertThat(round.httpLoad().spoolSeconds()).isNotNull();
        assertThat(round.loadRatioHttp()).isPositive();
        assertThat(round.exportRatioHttp()).isPositive();
        // the exports carry the same rows: the header and 2,000 lines each, of comparable size
        assertThat(round.httpExport().bytes()).isBetween(round.anchorExport().bytes() * 9 / 10, round.anchorExport().bytes() * 11 / 10);
        assertThat(round.anchorIndexed().nanos()).isGreaterThan(round.anchorLoad().nanos());
        assertThat(report.table()).contains("rows/s", "ratio", "goal at 2,000 rows", "CREATE UNIQUE INDEX", "where the time goes");
    }

    @Test
    void theGeneratedIdsAreValidAndUnique() throws Exception {
        var file = java.nio.file.Files.createTempFile("people", ".csv");
        try {
            PeopleCsv.write(file, 50_000, 1L);
            var lines = java.nio.file.Files.readAllLines(file);
            assertThat(lines.get(0)).isEqualTo(PeopleCsv.header());
            var ids = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
            assertThat(ids).hasSize(50_000).doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(org.citydata.kernel.id.ResidentIdNumber.problem(id)).as(id).isEmpty());
            assertThat(lines.stream().skip(1).map(l -> l.split(",", -1).length).distinct()).containsExactly(PeopleCsv.FIELDS.size());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
