package org.citydata.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.citydata.identity.Actor;
import org.citydata.identity.Users;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A load inside a caller's transaction (the demo city seeds in one) streams its COPY on the connection every other
 * statement of that transaction uses. PgJDBC makes a statement sent on a connection in the middle of a COPY wait
 * for the COPY to end, so a run-log write from inside the stream would wait for itself forever. Each load here reaches
 * a point where a load on a connection of its own writes to the run log in the middle of the stream (a full
 * quarantine batch; progress after a slow stretch); both used to hang there.
 */
class LoadInATransactionTest extends WebTest {

    /** The bytes {@link FileIngest} reads ahead to sniff the encoding; what lies beyond is read while COPY streams. */
    private static final int SNIFFED = 64 * 1024;

    @Autowired
    FileIngest ingest;

    @Autowired
    Users users;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient db;

    private String code;
    private Actor officer;

    @BeforeEach
    void aResourceOfSerialsAndDays() {
        var draft = with(valid(unique("出入境登记"), "3205GA"), "fields", List.of(
                field("serial", "登记编号", "STRING", 8, "L2", true),
                field("day", "登记日期", "DATE", null, "L2", false)));
        var created = signedIn("ga_officer").post("/api/v1/resources", draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        code = created.json().get("code").asString();
        var u = users.find("ga_officer").orElseThrow();
        officer = new Actor(Actor.Kind.USER, u.id(), u.username(), u.displayName(), u.departmentId(), u.roles());
    }

    /** Rows {@code 1..rows}; every {@code badEvery}th has an impossible date (quarantined, not loaded). */
    private static byte[] csv(int rows, int badEvery) {
        var sb = new StringBuilder("serial,day\n");
        for (int i = 1; i <= rows; i++)
            sb.append(String.format("%08d", i)).append(',').append(badEvery > 0 && i % badEvery == 0 ? "2020-02-30" : "2020-03-01").append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private IngestRun loadInOneTransaction(InputStream in) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new TransactionTemplate(transactions).execute(status -> {
            var run = ingest.load(officer, code, "出入境登记.csv", in, new FileIngest.Options("UTF-8", ','));
            assertThat(run.succeeded()).as(() -> String.valueOf(run.problem())).isTrue();
            return run.value();
        }), "the load waited on its own connection");
    }

    @Test
    void aFullQuarantineBatchInTheMiddleOfTheStreamDoesNotWaitForTheCopy() {
        // 1,040 spoiled rows of 26,000 (4 %): the 1,000th quarantined value arrives while COPY is still reading
        var run = loadInOneTransaction(new ByteArrayInputStream(csv(26_000, 25)));
        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.rowsLoaded()).isEqualTo(24_960);
        assertThat(run.rowsRejected()).isEqualTo(1_040);
        assertThat(db.sql("select count(*) from ingest_quarantine where run_id = ?").param(run.id()).query(Long.class).single())
                .isEqualTo(1_040);
    }

    @Test
    void aSlowSourceInTheMiddleOfTheStreamDoesNotWaitForTheCopy() {
        // a source that stalls once, past the sniffed bytes: the next thousandth row is due to report progress
        var slow = new FilterInputStream(new ByteArrayInputStream(csv(8_000, 0))) {
            private long read;
            private boolean stalled;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= SNIFFED && !stalled) {
                    stalled = true;
                    try {
                        Thread.sleep(700);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                int n = super.read(b, off, len);
                if (n > 0) read += n;
                return n;
            }
        };
        var run = loadInOneTransaction(slow);
        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.rowsRead()).isEqualTo(8_000);
        assertThat(run.rowsLoaded()).isEqualTo(8_000);
    }
}
