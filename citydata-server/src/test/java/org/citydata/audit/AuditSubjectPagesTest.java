package org.citydata.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 数据查询留痕: a person identifies by resident ID and sees the reads that concerned them, each with its proof. */
class AuditSubjectPagesTest extends WebTest {

    private static final AtomicInteger SERIAL = new AtomicInteger();

    private Http officer;
    private String code;
    private String person;
    private String neighbour;

    /** A resident ID no other test uses: born on a day of its own. */
    private static String uniqueId() {
        var born = LocalDate.of(1960, 1, 1).plusDays(System.nanoTime() % 10_000 + SERIAL.incrementAndGet() * 10_000L % 9_000);
        String first17 = "320508" + born.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", SERIAL.get() % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    @BeforeEach
    void aResourceHoldingTwoPeople() {
        officer = signedIn("ga_officer");
        person = uniqueId();
        neighbour = uniqueId();
        var draft = with(valid(unique("居住证登记"), "3205GA"), "fields", List.of(
                field("id_number", "公民身份号码", "RESIDENT_ID", 18, "L4", true),
                field("name", "姓名", "STRING", 10, "L3", false)));
        code = officer.post("/api/v1/resources", draft).json().get("code").asString();
        var csv = "id_number,name\n" + person + ",甲\n" + neighbour + ",乙\n";
        assertThat(officer.upload("/api/v1/resources/" + code + "/data/uploads", "p.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of())
                .status()).isEqualTo(201);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Http visitorAs(String id) {
        var visitor = anonymous();
        var page = visitor.get("/my/access");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"subject-id\"").contains("id=\"subject-demo\"");
        var login = visitor.csrfFrom(page).form("/my/login", Map.of("id", id));
        assertThat(login.status()).isEqualTo(302);
        return visitor;
    }

    @Test
    void aPersonSeesWhoReadTheirRecordAndWhyButNotOthersReads() {
        // the provider reads the person's row with a stated purpose; the auditor pages through everyone
        var read = officer.get("/api/v1/resources/" + code + "/data/rows?filter=" + enc("id_number:eq:" + person),
                "X-Citydata-Purpose", enc("案件 2026-117 核查"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(signedIn("dsj_auditor").get("/api/v1/resources/" + code + "/data/rows").status()).isEqualTo(200);
        // only the neighbour is looked up here
        officer.get("/api/v1/resources/" + code + "/data/rows?filter=" + enc("id_number:eq:" + neighbour));

        var visitor = visitorAs(person);
        var history = visitor.get("/my/access");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).contains(person.substring(0, 6) + "********" + person.substring(14))
                .doesNotContain(person) // the page never shows the number in full
                .contains("案件 2026-117 核查").contains("ga_officer").contains("dsj_auditor").contains("苏州市公安局");
        long rows = history.body().split("id=\"access-").length - 1;
        assertThat(rows).as("the provider's lookup and the auditor's page: not the neighbour's lookup").isEqualTo(2);

        var other = visitorAs(neighbour).get("/my/access").body();
        assertThat(other).doesNotContain("案件 2026-117 核查");
    }

    @Test
    void eachEntryCarriesItsProofOnceAHeadIsSignedAndOthersCannotOpenIt() throws InterruptedException {
        officer.get("/api/v1/resources/" + code + "/data/rows?filter=" + enc("id_number:eq:" + person), "X-Citydata-Purpose", "proof");
        var visitor = visitorAs(person);
        var history = visitor.get("/my/access").body();
        var seq = history.replaceAll("(?s).*id=\"access-(\\d+)\".*", "$1");
        assertThat(seq).matches("\\d+");
        String page = "";
        for (int i = 0; i < 50 && !page.contains("id=\"proof-verdict\""); i++) { // heads are signed every second in tests
            page = visitor.get("/my/access/" + seq).body();
            if (!page.contains("id=\"proof-verdict\"")) Thread.sleep(200);
        }
        assertThat(page).contains("验证通过");
        assertThat(visitorAs(neighbour).get("/my/access/" + seq).status()).isEqualTo(404);
        assertThat(anonymous().get("/my/access/" + seq).status()).as("not identified: back to the form").isEqualTo(302);
    }

    @Test
    void aCompanySeesTheReadsOfItsCreditCode() {
        String body8 = String.format("%08d", System.nanoTime() % 100_000_000L);
        String first17 = "91320505" + body8 + CreditCode.organizationCheck(body8);
        String company = first17 + CreditCode.checkCharacter(first17);
        var draft = with(valid(unique("市场主体年报"), "3205SC"), "fields", List.of(
                field("credit_code", "统一社会信用代码", "CREDIT_CODE", 18, "L2", true),
                field("name", "企业名称", "STRING", 50, "L1", false)));
        var sc = signedIn("sc_officer");
        String annual = sc.post("/api/v1/resources", draft).json().get("code").asString();
        assertThat(sc.upload("/api/v1/resources/" + annual + "/data/uploads", "c.csv",
                ("credit_code,name\n" + company + ",苏州某某科技有限公司\n").getBytes(StandardCharsets.UTF_8), Map.of()).status()).isEqualTo(201);
        sc.get("/api/v1/resources/" + annual + "/data/rows", "X-Citydata-Purpose", enc("年报抽查"));
        var page = visitorAs(company).get("/my/access").body();
        assertThat(page).contains("统一社会信用代码").contains("年报抽查").contains("苏州市市场监督管理局");
    }

    @Test
    void anInvalidNumberIsRefusedWithAMessageAndNothingShown() {
        var visitor = anonymous();
        var page = visitor.get("/my/access");
        String wrongCheck = person.substring(0, 17) + (person.charAt(17) == '1' ? '2' : '1');
        assertThat(visitor.csrfFrom(page).form("/my/login", Map.of("id", wrongCheck)).status()).isEqualTo(302);
        var again = visitor.get("/my/access").body();
        assertThat(again).contains("id=\"subject-invalid\"").doesNotContain("id=\"subject-records\"");
        assertThat(anonymous().withoutCsrf().form("/my/login", Map.of("id", person)).status())
                .as("a forged cross-site form is refused").isEqualTo(403);
    }
}
