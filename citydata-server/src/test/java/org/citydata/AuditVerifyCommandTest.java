package org.citydata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.citydata.audit.AccessLog;
import org.citydata.audit.AccessRecord;
import org.citydata.audit.TreeHeads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code verify-audit} on a stopped platform: intact after normal use, and names the record changed while it was down. */
class AuditVerifyCommandTest {

    @TempDir
    Path dataDir;

    private String[] args(String... command) {
        var all = new java.util.ArrayList<>(List.of(command));
        all.addAll(List.of("--citydata.data-dir=" + dataDir, "--citydata.admin.password=Admin@12345", "--logging.level.root=WARN"));
        return all.toArray(String[]::new);
    }

    /** Runs the platform (without its web server) on the data directory, does something, stops it. */
    private void withPlatform(Consumer<ConfigurableApplicationContext> work) {
        var app = new SpringApplication(CitydataApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (var context = app.run(args())) {
            work.accept(context);
        }
    }

    private String verify(boolean intact) throws Exception {
        var out = new ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new PrintStream(out, true, "UTF-8"));
        try {
            assertThat(CitydataApplication.verifyAudit(args())).isEqualTo(intact);
        } finally {
            System.setOut(original);
        }
        return out.toString("UTF-8");
    }

    @Test
    void theVerifyCommandFindsTheLogIntactAfterUseAndNamesARecordChangedWhileThePlatformWasDown() throws Exception {
        withPlatform(context -> {
            var log = context.getBean(AccessLog.class);
            for (int i = 0; i < 5; i++) {
                assertThat(log.append(new AccessRecord("ga_officer", 1, null, null, AccessRecord.Channel.CONSOLE, AccessRecord.Action.READ,
                        "101-3205GA-000001", 1L, 1, List.of("id"), null, 1L, "read " + i, null, null, AccessRecord.Outcome.ALLOWED,
                        null, List.of())).value()).isEqualTo(i);
            }
            assertThat(context.getBean(TreeHeads.class).signIfGrown()).isPresent();
        });
        assertThat(verify(true)).contains("access log intact: Verdict[finding=INTACT").contains("5 records, 1 signed heads");

        withPlatform(context -> context.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            var db = context.getBean(JdbcClient.class);
            db.sql("set local session_replication_role = replica").update();
            db.sql("update audit_record set purpose = 'nothing to see' where seq = 3").update();
        }));
        assertThat(verify(false)).contains("access log NOT INTACT: Verdict[finding=ALTERED_RECORD, recordIndex=3");
    }
}
