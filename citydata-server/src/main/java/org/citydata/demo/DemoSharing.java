package org.citydata.demo;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citydata.datastore.RowPage;
import org.citydata.demo.DemoCity.DemoResource;
import org.citydata.exchange.ApplicationForm;
import org.citydata.exchange.Approval;
import org.citydata.exchange.CallHeaders;
import org.citydata.exchange.Exchange;
import org.citydata.exchange.ShareApplication;
import org.citydata.exchange.ShareApplications;
import org.citydata.identity.Actor;
import org.citydata.identity.DepartmentApplications;
import org.citydata.identity.Role;
import org.citydata.identity.Users;
import org.citydata.kernel.Result;
import org.citydata.platform.calendar.WorkingDays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sharing in the demo city, done as the departments' people would do it, so every exchange page has something to show:
 * <ul>
 * <li>交通运输局 asks 公安局 for 驾驶人信息 to license 网约车 drivers; 公安局 approves with the identity number and name
 *     masked and without 累积记分 (APPROVED, a grant with masked fields);</li>
 * <li>交通运输局 asks 市场监管局 for 市场主体登记信息, shared unconditionally: granted at once (the platform's AUTO_APPROVE);</li>
 * <li>公安局 asks 人社局 for 社会保险参保信息 for a criminal case; it waits in 人社局's inbox (SUBMITTED, days left);</li>
 * <li>文广旅局 asks 公安局 for 常住人口基本信息 to profile tourists; 公安局 refuses and says why (REFUSED);</li>
 * <li>教育局 asked 卫健委 for 预防接种信息 weeks ago for the 入学 vaccination check; 卫健委 never answered, so it is with
 *     the bureau (ESCALATED).</li>
 * </ul>
 * 交通运输局's 审批 system then holds an exchange token and has made a few requests through {@link Exchange}, the one
 * access path: lookups of three drivers and a company, and one refused lookup. They are in the access log, and the
 * people looked up find them on 数据查询留痕 (/my/access). The token's secret is not kept or shown: it is a generated
 * credential, not a documented demo setting; a newcomer who wants to call the API issues a token as {@code jt_admin}.
 */
@Component
class DemoSharing {

    /** What was seeded, for the log and for tests. */
    record Shared(int applications, List<String> residentsLookedUp, String companyLookedUp, int requests) {}

    static final String DRIVERS = "驾驶人信息";
    static final String COMPANIES = "市场主体登记信息";
    static final String INSURED = "社会保险参保信息";
    static final String RESIDENTS = "常住人口基本信息";
    static final String VACCINATIONS = "预防接种信息";
    /** The consumer department's application, the one that calls the exchange API in the demo. */
    static final String CLIENT = "网约车与道路运输许可审批系统";
    static final String CLIENT_USER = "jt_staff";

    private static final ZoneId SUZHOU = ZoneId.of("Asia/Shanghai");

    private final ShareApplications applications;
    private final DepartmentApplications clients;
    private final Exchange exchange;
    private final Users users;
    private final WorkingDays workingDays;
    private final DemoData data;
    private final JdbcClient db;

    DemoSharing(ShareApplications applications, DepartmentApplications clients, Exchange exchange, Users users,
                WorkingDays workingDays, DemoData data, JdbcClient db) {
        this.applications = applications;
        this.clients = clients;
        this.exchange = exchange;
        this.users = users;
        this.workingDays = workingDays;
        this.data = data;
        this.db = db;
    }

    Shared seed(List<DemoResource> resources, Map<String, String> codes) {
        var today = LocalDate.now();

        // oldest first, so the lists (newest first) open with what waits for an answer
        var vaccinations = check(applications.apply(as("jy_officer"), new ApplicationForm(codes.get(VACCINATIONS),
                List.of("record_id", "id_number", "name", "vaccine_name", "dose_number", "vaccination_date"),
                "2027年春季入托入学查验预防接种证：核对新入学儿童的接种记录，通知未完成国家免疫规划疫苗接种的儿童补种",
                "《中华人民共和国疫苗管理法》第四十八条；《儿童入托、入学预防接种证查验办法》", today, today.plusYears(1), 3000,
                "钱晓燕", "0512-68661234", null)), "application of 教育局 for " + VACCINATIONS);
        letDeadlinePass(vaccinations.id(), today);
        applications.escalateOverdue(); // the platform's own check: 卫健委 let the due date pass

        var tourism = check(applications.apply(as("wl_officer"), new ApplicationForm(codes.get(RESIDENTS),
                List.of("id_number", "name", "birth_date", "household_address", "household_region_code"),
                "分析本地居民文旅消费客源结构，精准发放文旅惠民消费券", "《苏州市促进文化和旅游消费若干措施》", today,
                today.plusMonths(6), 20000, "陆静", "0512-65223344", null)), "application of 文广旅局 for " + RESIDENTS);
        check(applications.refuse(as("ga_officer"), tourism.id(),
                "常住人口基本信息仅限政府部门在履行法定职责时用于身份核验和业务办理（见共享条件），客源结构分析不属于此类，"
                        + "也无需逐人明细。请向市统计局申请人口抽样调查汇总数据，或按区县汇总的统计结果。"),
                "refusal of 文广旅局's application");

        var drivers = check(applications.apply(as("jt_officer"), new ApplicationForm(codes.get(DRIVERS),
                List.of("id_number", "name", "license_class", "first_issue_date", "valid_until", "license_status_code"),
                "网络预约出租汽车驾驶员证核发：逐人核验申请人的准驾车型、初次领证日期（驾龄满3年）和驾驶证状态",
                "《网络预约出租汽车经营服务管理暂行办法》第十四条、第十五条", today, today.plusYears(1), 500, "顾建明",
                "0512-68255120", null)), "application of 交通运输局 for " + DRIVERS);
        var masked = new LinkedHashMap<String, String>();
        masked.put("id_number", "keep(6,4)"); // the caller knows the number it looked up; the answer need not repeat it
        masked.put("name", "keep(1,0)");
        masked.put("license_class", "clear");
        masked.put("first_issue_date", "clear");
        masked.put("valid_until", "clear");
        masked.put("license_status_code", "clear");
        var approved = check(applications.approve(as("ga_officer"), drivers.id(), new Approval(masked, null, null, 60, 2000L,
                        null, null, null, "同意共享。按最小必要原则，公民身份号码和姓名脱敏返回；不含累积记分。")),
                "approval of 交通运输局's application");

        var instant = check(applications.apply(as("jt_officer"), new ApplicationForm(codes.get(COMPANIES),
                List.of("credit_code", "entity_name", "legal_representative", "residence_address", "registration_status"),
                "道路运输经营许可审批：核验申请企业的名称、住所、法定代表人和登记状态", null, today, today.plusYears(1), 200,
                "顾建明", "0512-68255120", null)), "application of 交通运输局 for " + COMPANIES);

        var insured = check(applications.apply(as("ga_officer"), new ApplicationForm(codes.get(INSURED),
                List.of("id_number", "name", "insurance_type_code", "credit_code", "employer_name", "insured_status", "last_paid_month"),
                "刑事案件侦办：核查涉案人员的参保状态和参保单位，用于确认身份、落脚点和工作单位",
                "《中华人民共和国刑事诉讼法》第五十四条；《公安机关办理刑事案件程序规定》第六十二条", today,
                today.plusYears(1), 300, "沈卫东", "0512-65225110", null)), "application of 公安局 for " + INSURED);

        // checked before any read: the access log keeps what is read even if this transaction is rolled back
        if (approved.grantId() == null || instant.status() != ShareApplication.Status.APPROVED
                || insured.status() != ShareApplication.Status.SUBMITTED)
            throw new IllegalStateException("demo city: the share applications did not end where the demo expects");

        var client = check(clients.registerExchangeClient(as("jt_admin"), "3205JT", CLIENT, 365),
                "exchange token of 交通运输局");
        var app = new Actor(Actor.Kind.APPLICATION, client.id(), client.name(), client.name(), client.departmentId(),
                Set.of(Role.EXCHANGE_CLIENT)); // the actor the platform makes of this token when it calls

        // three applicants for a 网约车 driver's licence, one lookup each, and one asking for a field it was not granted
        var found = data.loadedRows(resource(resources, DRIVERS), codes.get(DRIVERS)).stream()
                .filter(r -> "A".equals(r.get("license_status_code"))).limit(3).map(r -> r.get("id_number")).toList();
        int requests = 0;
        for (int i = 0; i < found.size(); i++) {
            var headers = new CallHeaders("网约车驾驶员证申请 受理号 WYC2026110" + (31 + i) + "：核验驾龄和驾驶证状态", CLIENT_USER,
                    null, null);
            one(exchange.lookup(app, codes.get(DRIVERS), found.get(i), List.of(), headers), "lookup in " + DRIVERS);
            requests++;
        }
        var refused = exchange.lookup(app, codes.get(DRIVERS), found.get(0), List.of("penalty_points"),
                new CallHeaders("网约车驾驶员证申请 受理号 WYC202611031：核查交通违法记分", CLIENT_USER, null, null));
        if (refused.succeeded()) throw new IllegalStateException("demo city: a field outside the grant was read");
        requests++;
        String company = data.loadedRows(resource(resources, COMPANIES), codes.get(COMPANIES)).stream()
                .filter(r -> r.get("entity_name").contains("物流") || r.get("entity_name").contains("运输"))
                .filter(r -> "存续".equals(r.get("registration_status")))
                .findFirst().orElseThrow(() -> new IllegalStateException("demo city: no transport company registered"))
                .get("credit_code");
        one(exchange.lookup(app, codes.get(COMPANIES), company, List.of(),
                new CallHeaders("道路货物运输经营许可申请 受理号 DLYS20261107：核验企业登记状态", CLIENT_USER, null, null)),
                "lookup in " + COMPANIES);
        requests++;

        return new Shared(5, found, company, requests);
    }

    /**
     * The exchange has no clock to set, so an application the provider let run past its deadline is made the way the
     * exchange's own tests make one: its submission (and the due date it set) is moved back weeks in the exchange's
     * tables. Then the platform's overdue check escalates it as it would any other.
     */
    private void letDeadlinePass(long applicationId, LocalDate today) {
        var submitted = today.minusDays(28);
        while (!workingDays.dueDate(submitted, applications.answerDays()).isBefore(today)) submitted = submitted.minusDays(7);
        var due = workingDays.dueDate(submitted, applications.answerDays());
        var at = submitted.atTime(LocalTime.of(9, 40)).atZone(SUZHOU).toOffsetDateTime();
        db.sql("update exchange_application set submitted_at = ?, updated_at = ?, due_date = ? where id = ?")
                .params(at, at, due, applicationId).update();
        db.sql("update exchange_application_event set at = ?, due_date = ? where application_id = ? and action = 'SUBMIT'")
                .params(at, due, applicationId).update();
    }

    /** A demo user as if signed in. */
    private Actor as(String username) {
        var u = users.find(username).orElseThrow(() -> new IllegalStateException("demo city: no user " + username));
        return new Actor(Actor.Kind.USER, u.id(), u.username(), u.displayName(), u.departmentId(), u.roles());
    }

    private static DemoResource resource(List<DemoResource> resources, String name) {
        return resources.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static void one(Result<RowPage> read, String what) {
        if (check(read, what).rows().size() != 1) throw new IllegalStateException("demo city: " + what + " found no row");
    }

    private static <T> T check(Result<T> result, String what) {
        if (!result.succeeded()) throw new IllegalStateException("demo city: " + what + " refused: "
                + result.problem().code() + " " + result.problem().args() + " " + result.problem().violations());
        return result.value();
    }
}
