package org.citydata.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.Catalog;
import org.citydata.datastore.Datastore;
import org.citydata.demo.DemoCity.DemoResource;
import org.citydata.demo.DemoCity.DemoUser;
import org.citydata.identity.Actor;
import org.citydata.identity.Users;
import org.citydata.kernel.Result;
import org.citydata.opendata.Opening;
import org.citydata.opendata.OpeningForm;
import org.citydata.opendata.Openings;
import org.springframework.stereotype.Component;

/**
 * The demo city's open data: openable resources with data proposed by their departments' officers — most approved by
 * the bureau and public on the portal, one waiting for review, one blocked by the risk assessment (its district and
 * licence date are rarer together than k allows) so the assessment and its fixes can be seen.
 */
@Component
class DemoOpenData {

    /** Published as proposed, every field at its sensitivity's default masking. */
    private static final List<String> PUBLISHED = List.of("公交线路与站点信息", "空气质量监测小时数据", "地表水水质监测数据", "A级旅游景区信息",
            "星级饭店信息", "医疗机构执业信息", "中小学校名录", "行政处罚信息", "食品经营许可信息", "国民经济主要指标", "姑苏区历史建筑保护名录",
            "市场主体登记信息");
    private static final String IN_REVIEW = "文化场馆信息";
    private static final String BLOCKED = "人力资源服务机构名录";

    record Seeded(int published, int inReview, int blocked) {}

    private final Openings openings;
    private final Catalog catalog;
    private final Datastore datastore;
    private final DemoData data;
    private final Users users;

    DemoOpenData(Openings openings, Catalog catalog, Datastore datastore, DemoData data, Users users) {
        this.openings = openings;
        this.catalog = catalog;
        this.datastore = datastore;
        this.data = data;
        this.users = users;
    }

    Seeded seed(List<DemoResource> resources, Map<String, String> codes, List<DemoUser> people) {
        var bureau = users.find("dsj_admin").map(u -> new Actor(Actor.Kind.USER, u.id(), u.username(), u.displayName(), u.departmentId(),
                u.roles())).orElseThrow(() -> new IllegalStateException("demo city: no user dsj_admin"));
        int published = 0, inReview = 0, blocked = 0;
        for (var r : resources) {
            String code = codes.get(r.name());
            boolean publish = PUBLISHED.contains(r.name());
            if (!publish && !r.name().equals(IN_REVIEW) && !r.name().equals(BLOCKED)) continue;
            var resource = catalog.get(Actor.system(0), code).value();
            if (datastore.current(resource.id()).isEmpty()) continue; // nothing to assess without data
            var fields = new LinkedHashMap<String, String>();
            resource.metadata().fields().forEach(f -> fields.put(f.name(), Datastore.defaultMasking(f).text()));
            var quasi = r.name().equals(BLOCKED) ? List.of("district_code", "license_issue_date") : List.<String>of();
            var officer = data.officer(r.provider(), people);
            var opening = check(openings.propose(officer, new OpeningForm(code, fields, quasi, 5, null, null), null), r.name());
            if (publish) {
                check(openings.approve(bureau, opening.id(), "同意开放（演示数据）", null), r.name());
                published++;
            } else if (opening.state() == Opening.State.IN_REVIEW) inReview++;
            else blocked++;
        }
        return new Seeded(published, inReview, blocked);
    }

    private static <T> T check(Result<T> result, String what) {
        if (!result.succeeded()) throw new IllegalStateException("demo city: opening " + what + " refused: " + result.problem().code()
                + " " + result.problem().args() + " " + result.problem().violations());
        return result.value();
    }
}
