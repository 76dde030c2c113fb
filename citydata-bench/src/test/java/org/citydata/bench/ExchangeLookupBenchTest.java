package org.citydata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keeps the exchange benchmark working: a tiny run must answer both endpoints, record every exchange lookup and report. */
class ExchangeLookupBenchTest {

    @Test
    void aSmallRunAnswersBothEndpointsAndRecordsEachExchangeLookup() throws Exception {
        var report = ExchangeLookupBench.run(new ExchangeLookupBench.Options(2_000, 4, 2, 1, 1, 1));
        System.out.println(report.table());
        assertThat(report.runs()).hasSize(2).allSatisfy(r -> {
            assertThat(r.requests()).as(r.path()).isPositive();
            assertThat(r.failures()).as(r.path()).isZero();
            assertThat(r.p99Millis()).as(r.path()).isGreaterThanOrEqualTo(r.p50Millis());
        });
        long exchangeRequests = report.runs().stream().filter(r -> r.path().startsWith("ours")).mapToLong(ExchangeLookupBench.Run::requests).sum();
        assertThat(report.auditRecords()).as("every answered lookup, warm-up included, left its record").isGreaterThanOrEqualTo(exchangeRequests);
        assertThat(report.sample()).contains("\"name\"").doesNotContain("\"points\""); // only granted fields
        assertThat(report.auditWriter()).contains("records a batch");
        assertThat(report.table()).contains("lookups/s", "ratio ours ÷ anchor", "goals:", "the access log's writer", "CPU per lookup");
        assertThat(report.runs()).allSatisfy(r -> assertThat(r.cpu()).as(r.path()).contains("request threads", "PostgreSQL"));
    }
}
