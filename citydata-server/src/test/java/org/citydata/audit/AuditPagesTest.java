package org.citydata.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.citydata.identity.Departments;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 访问留痕 in the console: the browser by department, a record with its proof, and the verification page for anyone. */
class AuditPagesTest extends WebTest {

    @Autowired
    AccessLog log;

    @Autowired
    TreeHeads heads;

    @Autowired
    Departments departments;

    private long append(String actor, String readerDepartment, String provider) {
        return log.append(new AccessRecord(actor, departments.findByCode(readerDepartment).orElseThrow().id(), null, null,
                AccessRecord.Channel.CONSOLE, AccessRecord.Action.READ, "101-" + provider + "-000009",
                departments.findByCode(provider).orElseThrow().id(), 1, List.of("id", "name"), "name:eq:张三", 1L, "页面测试",
                null, null, AccessRecord.Outcome.ALLOWED, null, List.of())).value();
    }

    @Test
    void theBrowserShowsADepartmentItsOwnRecordsAndTheNavigationOnlyThoseWhoHaveAny() {
        String actor = unique("pages");
        long ours = append(actor, "3205GA", "3205GA");
        long theirs = append(actor, "3205SC", "3205WJ");

        var ga = signedIn("ga_officer");
        var page = ga.get("/audit/records?actor=" + actor);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"nav-audit\"").contains("data-seq=\"" + ours + "\"").doesNotContain("data-seq=\"" + theirs + "\"")
                .contains("苏州市公安局").contains("分页读取");
        assertThat(ga.get("/audit/records/" + theirs).status()).isEqualTo(404);

        var auditor = signedIn("dsj_auditor").english();
        var all = auditor.get("/audit/records?actor=" + actor + "&department=3205WJ");
        assertThat(all.body()).contains("data-seq=\"" + theirs + "\"").doesNotContain("data-seq=\"" + ours + "\"").contains("Page read");

        var staff = signedIn("ga_staff");
        assertThat(staff.get("/").body()).doesNotContain("id=\"nav-audit\"");
        assertThat(staff.get("/audit/records").status()).isEqualTo(403);
        var anonymous = anonymous().get("/audit/records");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("Location")).endsWith("/login");
    }

    @Test
    void aRecordsPageShowsItsProofVerifiedAgainstTheLatestSignedHead() {
        long seq = append(unique("detail"), "3205GA", "3205RS");
        heads.signIfGrown();
        var page = signedIn("rs_officer").get("/audit/records/" + seq);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("页面测试").contains("id=\"leaf-hash\"").contains("id=\"audit-path\"");
        assertThat(page.body()).contains("验证通过").contains("树头签名有效");
    }

    @Test
    void anyoneCanCheckAProofOnTheVerificationPage() {
        long seq = append(unique("check"), "3205GA", "3205GA");
        heads.signIfGrown();
        String proof = signedIn("dsj_auditor").get("/api/v1/audit/records/" + seq + "/proof").body();

        var visitor = anonymous();
        var page = visitor.get("/audit/verify");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("BEGIN PUBLIC KEY").contains("id=\"latest-head\"").doesNotContain("id=\"verify-start\"");
        visitor.csrfFrom(page);
        var checked = visitor.form("/audit/verify/proof", Map.of("proof", proof));
        assertThat(checked.status()).isEqualTo(200);
        assertThat(checked.body()).contains("id=\"check-valid\"");

        var tampered = visitor.form("/audit/verify/proof", Map.of("proof", proof.replace("\"index\":" + seq, "\"index\":" + (seq + 1))));
        assertThat(tampered.body()).contains("id=\"check-invalid\"").contains("审计路径不通向树头的根哈希");
        var malformed = visitor.form("/audit/verify/proof", Map.of("proof", "{not json"));
        assertThat(malformed.body()).contains("id=\"problem\"").contains("证明的格式不正确");
        assertThat(visitor.form("/audit/verify/runs", Map.of()).status()).as("the whole-log run needs sign-in").isEqualTo(302);
    }

    @Test
    void auditorsStartTheWholeLogVerificationFromThePage() throws InterruptedException {
        var auditor = signedIn("dsj_auditor");
        assertThat(auditor.get("/audit/verify").body()).contains("id=\"verify-start\"");
        var started = auditor.form("/audit/verify/runs", Map.of());
        assertThat(started.status()).isEqualTo(302);
        String html = auditor.get("/audit/verify").body();
        for (int i = 0; i < 300 && html.contains("id=\"run-bar\""); i++) {
            Thread.sleep(100);
            html = auditor.get("/audit/verify").body();
        }
        assertThat(html).contains("id=\"run-verdict\"").contains("data-finding=\"INTACT\"").contains("完好");
        assertThat(signedIn("ga_officer").get("/audit/verify").body()).doesNotContain("id=\"verify-start\"");
    }
}
