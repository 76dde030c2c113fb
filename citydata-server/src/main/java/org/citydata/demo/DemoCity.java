package org.citydata.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.ResourceDraft;
import org.citydata.catalog.ResourceType;
import org.citydata.catalog.ShareMethod;
import org.citydata.catalog.ShareType;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;
import org.citydata.identity.Actor;
import org.citydata.identity.DepartmentForm;
import org.citydata.identity.Departments;
import org.citydata.identity.Role;
import org.citydata.identity.UserForm;
import org.citydata.identity.Users;
import org.citydata.kernel.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds {@code demo/city.json} through the same services a person uses, so the demo obeys every rule the product
 * does: departments, users, the catalog, then the published resources' rows ({@link DemoData}), then share
 * applications, grants and exchange reads between departments ({@link DemoSharing}). Runs only on an empty platform
 * (no departments yet) and only when {@code citydata.demo.enabled}.
 */
@Component
public class DemoCity {

    private static final Logger log = LoggerFactory.getLogger(DemoCity.class);

    record City(List<DemoDepartment> departments, List<DemoUser> users, List<DemoResource> resources) {}

    record DemoDepartment(String code, String parent, String nameZh, String nameEn, String contactName, String contactPhone,
                          String contactEmail) {}

    record DemoUser(String username, String displayName, String department, Set<Role> roles) {}

    record DemoResource(String name, String provider, @JsonProperty("abstract") String summary, ResourceType resourceType,
                        Theme theme, DataFormat format, ShareType shareType, String shareCondition,
                        Set<ShareMethod> shareMethods, OpenType openType, String openCondition, UpdateCycle updateCycle,
                        LocalDate releaseDate, String regionCode, List<String> tags, String status, List<String> related,
                        List<FieldSpec> fields, DemoData.Source data, Integer badRows) {}

    private final boolean enabled;
    private final String password;
    private final Departments departments;
    private final Users users;
    private final Catalog catalog;
    private final JsonMapper json;
    private final PlatformTransactionManager transactions;
    private final DemoData data;
    private final DemoSharing sharing;
    private final DemoOpenData openData;

    DemoCity(@Value("${citydata.demo.enabled}") boolean enabled, @Value("${citydata.demo.password}") String password,
             Departments departments, Users users, Catalog catalog, JsonMapper json, PlatformTransactionManager transactions,
             DemoData data, DemoSharing sharing, DemoOpenData openData) {
        this.enabled = enabled;
        this.password = password;
        this.departments = departments;
        this.users = users;
        this.catalog = catalog;
        this.json = json;
        this.transactions = transactions;
        this.data = data;
        this.sharing = sharing;
        this.openData = openData;
    }

    /**
     * All or nothing: a refused row leaves no half-seeded city behind (which would block every later attempt). The data
     * loads and the sharing join this transaction too, so a city never starts without the rows its catalog promises.
     * Only the access log stands apart: it stores the demo's exchange reads at once, as it does every read.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    public void seedOnStart() {
        if (enabled) new TransactionTemplate(transactions).execute(status -> seed());
    }

    /** Returns false when the platform already has departments (the demo never mixes into a real city). */
    @Transactional
    public boolean seed() {
        if (!departments.all().isEmpty()) {
            log.info("demo city not seeded: the platform already has departments");
            return false;
        }
        long started = System.nanoTime();
        City city;
        try (InputStream in = new ClassPathResource("demo/city.json").getInputStream()) {
            city = json.readValue(in, City.class);
        } catch (IOException e) {
            throw new IllegalStateException("demo/city.json is missing or unreadable", e);
        }
        var system = Actor.system(0);
        for (var d : city.departments()) {
            check(departments.create(system, new DepartmentForm(d.code(), d.parent(), d.nameZh(), d.nameEn(), d.contactName(),
                    d.contactPhone(), d.contactEmail())), "department " + d.code());
        }
        for (var u : city.users()) {
            check(users.create(system, new UserForm(u.username(), u.displayName(), u.department(), u.roles(), true, password)),
                    "user " + u.username());
        }
        var codes = new HashMap<String, String>();
        for (var r : city.resources()) {
            codes.put(r.name(), check(catalog.create(system, draft(r, List.of())), "resource " + r.name()).code());
        }
        for (var r : city.resources()) {
            String code = codes.get(r.name());
            if (!r.related().isEmpty()) {
                check(catalog.update(system, code, null, draft(r, r.related().stream().map(codes::get).toList())),
                        "relations of " + r.name());
            }
            if (!r.status().equals("DRAFT")) check(catalog.publish(system, code), "publishing " + r.name());
            if (r.status().equals("RETIRED")) check(catalog.retire(system, code), "retiring " + r.name());
        }
        long catalogMillis = (System.nanoTime() - started) / 1_000_000;
        var loaded = data.load(city.resources(), codes, city.users());
        log.info("demo city seeded: {} departments, {} users (password '{}'), {} resources in {} ms; data of {} resources, "
                        + "{} rows ({} quarantined on purpose) in {} ms",
                city.departments().size(), city.users().size(), password, city.resources().size(), catalogMillis,
                loaded.resources(), loaded.rows(), loaded.quarantined(), loaded.millis());
        var shared = sharing.seed(city.resources(), codes);
        log.info("demo sharing seeded: {} share applications, an exchange token of 交通运输局 (no secret kept), {} exchange requests; "
                        + "try /my/access with the resident IDs {} or the credit code {}", shared.applications(), shared.requests(),
                String.join(", ", shared.residentsLookedUp()), shared.companyLookedUp());
        var opened = openData.seed(city.resources(), codes, city.users());
        log.info("demo open data seeded: {} datasets public on /open, {} opening in review, {} blocked by the risk assessment",
                opened.published(), opened.inReview(), opened.blocked());
        return true;
    }

    private static ResourceDraft draft(DemoResource r, List<String> related) {
        return new ResourceDraft(r.name(), r.provider(), r.summary(), r.resourceType(), r.theme(), r.format(), r.shareType(),
                r.shareCondition(), r.shareMethods(), r.openType(), r.openCondition(), r.updateCycle(), r.releaseDate(),
                r.regionCode(), r.tags(), related, r.fields());
    }

    private static <T> T check(Result<T> result, String what) {
        if (!result.succeeded()) throw new IllegalStateException("demo city: " + what + " refused: "
                + result.problem().code() + " " + result.problem().args() + " " + result.problem().violations());
        return result.value();
    }

}
