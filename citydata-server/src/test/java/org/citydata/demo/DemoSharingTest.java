package org.citydata.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.citydata.identity.DepartmentApplications;
import org.citydata.identity.Departments;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The demo city shows sharing in action: applications in every state, grants, a token, and reads in the access log. */
class DemoSharingTest extends WebTest {

    /** The resident ID the user guide names for 数据查询留痕: the first driver 交通运输局 looked up. */
    static final String DOCUMENTED_RESIDENT = "320581199308252716";
    /** The company the user guide names: the logistics company 交通运输局 looked up. */
    static final String DOCUMENTED_COMPANY = "9132050661441315XU";

    @Autowired
    DepartmentApplications clients;

    @Autowired
    Departments departments;

    @Autowired
    JdbcClient db;

    /** The one application for the demo resource in the signed-in person's list (tests add others elsewhere). */
    private static JsonNode application(Http who, String box, String resourceName, String consumerCode) {
        var list = who.get("/api/v1/exchange/applications?role=" + box).json();
        var found = list.valueStream().filter(a -> a.get("resourceName").asString().equals(resourceName)
                && a.get("consumerCode").asString().equals(consumerCode)).toList();
        assertThat(found).as(resourceName + " in " + box).hasSize(1);
        return who.get("/api/v1/exchange/applications/" + found.get(0).get("id").asLong()).json();
    }

    private static List<String> actions(JsonNode application) {
        return application.get("history").valueStream().map(e -> e.get("action").asString()).toList();
    }

    @Test
    void applicationsWaitAreAnsweredRefusedAndEscalated() {
        var jt = signedIn("jt_officer");
        var approved = application(jt, "outbox", DemoSharing.DRIVERS, "3205JT");
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(actions(approved)).containsExactly("SUBMIT", "APPROVE");
        var grant = jt.get("/api/v1/exchange/grants/" + approved.get("grantId").asLong()).json();
        assertThat(grant.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(grant.get("fields").get("id_number").asString()).isEqualTo("keep(6,4)");
        assertThat(grant.get("fields").get("name").asString()).isEqualTo("keep(1,0)");
        assertThat(grant.get("fields").has("penalty_points")).isFalse();

        var instant = application(jt, "outbox", DemoSharing.COMPANIES, "3205JT");
        assertThat(instant.get("status").asString()).isEqualTo("APPROVED");
        assertThat(instant.get("shareType").asString()).isEqualTo("UNCONDITIONAL");
        assertThat(actions(instant)).containsExactly("SUBMIT", "AUTO_APPROVE");

        var waiting = application(signedIn("rs_officer"), "inbox", DemoSharing.INSURED, "3205GA");
        assertThat(waiting.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(waiting.get("workingDaysLeft").asInt()).isPositive();
        assertThat(waiting.get("overdue").asBoolean()).isFalse();

        var refused = application(signedIn("wl_officer"), "outbox", DemoSharing.RESIDENTS, "3205WL");
        assertThat(refused.get("status").asString()).isEqualTo("REFUSED");
        assertThat(refused.get("answer").asString()).contains("统计局");

        var bureau = signedIn("dsj_admin");
        var escalated = application(bureau, "all", DemoSharing.VACCINATIONS, "3205JY");
        assertThat(escalated.get("status").asString()).isEqualTo("ESCALATED");
        assertThat(escalated.get("overdue").asBoolean()).isTrue();
        assertThat(actions(escalated)).containsExactly("SUBMIT", "ESCALATE");
        assertThat(escalated.get("dueDate").asString()).isLessThan(java.time.LocalDate.now().toString());
        assertThat(escalated.get("submittedAt").asString()).isLessThan(escalated.get("dueDate").asString());
    }

    @Test
    void theConsumersApplicationReadThroughTheExchangeAndTheReadsAreInTheAccessLog() {
        long jt = departments.findByCode("3205JT").orElseThrow().id();
        var client = clients.exchangeClientsOf(jt).stream().filter(a -> a.name().equals(DemoSharing.CLIENT)).findFirst();
        assertThat(client).isPresent();

        var records = signedIn("jt_officer").get("/api/v1/audit/records?actor=" + java.net.URLEncoder.encode(
                "token#" + client.get().id() + " " + DemoSharing.CLIENT, java.nio.charset.StandardCharsets.UTF_8) + "&size=20").json();
        var seen = records.get("records").valueStream()
                .map(r -> r.get("channel").asString() + " " + r.get("action").asString() + " " + r.get("outcome").asString()
                        + " " + (r.has("problemCode") ? r.get("problemCode").asString() : "-") + " " + r.get("endUser").asString())
                .toList();
        assertThat(seen).containsExactlyInAnyOrder(
                "EXCHANGE LOOKUP ALLOWED - jt_staff", "EXCHANGE LOOKUP ALLOWED - jt_staff", "EXCHANGE LOOKUP ALLOWED - jt_staff",
                "EXCHANGE LOOKUP DENIED EXCHANGE_FIELD_NOT_GRANTED jt_staff", "EXCHANGE LOOKUP ALLOWED - jt_staff");
        assertThat(records.get("records").valueStream().map(r -> r.get("purpose").asString())).allSatisfy(p -> assertThat(p).contains("受理号"));
    }

    private Http.Response accessHistoryOf(String id) {
        var visitor = anonymous();
        var page = visitor.get("/my/access");
        assertThat(visitor.csrfFrom(page).form("/my/login", Map.of("id", id)).status()).isEqualTo(302);
        var history = visitor.get("/my/access");
        assertThat(history.status()).isEqualTo(200);
        return history;
    }

    @Test
    void theResidentAndTheCompanyTheGuideNamesSeeWhoLookedThemUp() {
        // the lookup and the refused attempt at 累积记分, both with the application's purpose
        assertThat(accessHistoryOf(DOCUMENTED_RESIDENT).body()).contains(DemoSharing.DRIVERS).contains("WYC202611031")
                .contains(DemoSharing.CLIENT).contains("data-outcome=\"DENIED\"").contains("data-outcome=\"ALLOWED\"");
        assertThat(accessHistoryOf(DOCUMENTED_COMPANY).body()).contains(DemoSharing.COMPANIES).contains("DLYS20261107");
    }

    @Test
    void aTokenTheConsumersAdministratorIssuesReadsUnderTheDemoGrantAtOnce() {
        // what the guide tells a newcomer to do: the demo's grants name no particular application
        var issued = signedIn("jt_admin").post("/api/v1/tokens", Map.of("name", "试用", "departmentCode", "3205JT",
                "scopes", List.of("EXCHANGE"), "validDays", 7));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String code = db.sql("select code from catalog_resource where name = ?").param(DemoSharing.DRIVERS).query(String.class).single();
        var r = withToken(issued.json().get("secret").asString()).get("/api/v1/exchange/resources/" + code + "/records/"
                + DOCUMENTED_RESIDENT, "X-Citydata-Purpose", "try");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("record").get("id_number").asString()).isEqualTo("320581********2716");
    }
}
