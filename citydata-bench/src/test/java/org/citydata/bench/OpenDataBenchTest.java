package org.citydata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keeps the open-data benchmark working: a tiny run downloads every row both ways and times every search path. */
class OpenDataBenchTest {

    @Test
    void aSmallRunDownloadsEveryRowBothWaysAndTimesEachSearchPath() throws Exception {
        String report = OpenDataBench.run(new OpenDataBench.Options(2_000, 100, 2, 20));
        System.out.println(report);
        assertThat(report).contains("anchor: COPY (select <opened columns>) TO STDOUT", "ours: GET /api/open/v1/datasets/{code}/download?format=csv",
                "CKAN package_search", "open API GET /datasets", "record search", "record page", "p95 ms");
        // each path's cost is printed with how fast the machine ran a fixed loop just before it, and how warm the JIT was
        assertThat(report).containsPattern(
                "record page .* CPU a request: .*; machine check \\d+ ms; [\\d,]+ warm-up requests, JIT compiling [\\d,]+ ms"
                        + " while measured");
        // the bench itself refuses a run whose download lost rows or whose requests failed; two rounds were reported
        assertThat(report.split("round \\d: ", -1)).hasSize(3);
    }
}
