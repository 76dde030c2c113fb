package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.citydata.support.Http;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * As a developer, in a real browser: register on the portal, open the confirmation link (read from the bureau's outbox,
 * as no SMTP server is configured), confirm, sign in, create a key and read its secret; the key reads a conditionally
 * opened dataset over the open API; on the bureau's tight tier the API answers 429 with Retry-After; revoked in the
 * browser, the key is refused with OPENDATA_BAD_KEY.
 */
class DeveloperJourneyTest extends BrowserTest {

    private static final String PASSWORD = "Kaifa2026pass";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s]+(/open/developers/confirm\\?token=[A-Za-z0-9_-]{20,})");
    /** Where the pictures of the pages go, for a person to look at after the run. */
    private static final Path SHOTS = Path.of("target", "screenshots");

    @Test
    void aDeveloperRegistersGetsAKeyCallsTheApiIsThrottledAndRevokesTheKey() throws Exception {
        Files.createDirectories(SHOTS);
        String code = conditionalDataset();
        String email = unique("journey").toLowerCase() + "@example.com";
        String name = unique("开发者");

        // from the portal's header to the registration form
        browser().open("/open");
        browser().click(By.id("portal-developers"));
        browser().click(By.id("to-register"));
        browser().type(By.id("email"), email);
        browser().type(By.id("password"), PASSWORD);
        browser().type(By.id("passwordRepeat"), PASSWORD + "x");
        browser().type(By.id("displayName"), name);
        browser().type(By.id("organisation"), "苏州某科技有限公司");
        browser().click(By.id("register-submit"));
        // the mistake is shown under its field; what was typed is kept, the passwords are not
        assertThat(browser().text(By.id("passwordRepeat-error"))).isEqualTo("两次输入的密码不一致");
        assertThat(browser().visible(By.id("email")).getDomProperty("value")).isEqualTo(email);
        assertThat(browser().visible(By.id("displayName")).getDomProperty("value")).isEqualTo(name);
        assertThat(browser().visible(By.id("password")).getDomProperty("value")).isEmpty();
        browser().screenshot(SHOTS.resolve("developer-register-error.png"));
        browser().type(By.id("password"), PASSWORD);
        browser().type(By.id("passwordRepeat"), PASSWORD);
        browser().click(By.id("register-submit"));
        assertThat(browser().text(By.id("registered"))).contains(email);
        assertThat(browser().text(By.id("outbox-note"))).contains("发件箱");
        browser().screenshot(SHOTS.resolve("developer-registered.png"));

        // the bureau finds the link in its outbox; the developer opens it: a button, nothing confirmed yet
        String link = confirmationLink(email);
        browser().open(link);
        browser().screenshot(SHOTS.resolve("developer-confirm.png"));
        browser().click(By.id("confirm-submit"));
        assertThat(browser().text(By.id("confirmed"))).contains(email, "已确认");
        browser().click(By.id("confirmed-sign-in"));
        assertThat(browser().visible(By.id("dev-email")).getDomProperty("value")).isEqualTo(email);
        browser().type(By.id("dev-password"), PASSWORD);
        browser().click(By.id("dev-login-submit"));
        assertThat(browser().text(By.id("portal-developer"))).isEqualTo(name);
        assertThat(browser().text(By.id("developer-tier"))).contains("basic", "每分钟 600 次");

        // a key: its secret shown once, with a curl example
        browser().type(By.id("key-name"), "数据分析脚本");
        browser().click(By.id("key-create"));
        String secret = browser().text(By.id("key-secret"));
        assertThat(secret).startsWith("cdk_").hasSizeGreaterThan(40);
        assertThat(browser().text(By.id("key-curl"))).contains("X-API-Key: " + secret, "/records?size=10");
        browser().screenshot(SHOTS.resolve("developer-key-created.png"));

        // the signed-in developer reads the conditional dataset's preview and chart on its page
        browser().open("/open/datasets/" + code);
        assertThat(browser().text(By.id("read-as-developer"))).contains(name);
        assertThat(browser().all(By.cssSelector("#preview-table tbody tr"))).hasSize(20);
        browser().present(By.cssSelector("#chart-distribution[data-drawn] canvas"));
        browser().screenshot(SHOTS.resolve("developer-dataset.png"));

        // the key reads the dataset over the open API; without it, refused
        String records = "/api/open/v1/datasets/" + code + "/records?size=1";
        assertThat(anonymous().get(records).status()).isEqualTo(401);
        var read = anonymous().header("X-API-Key", secret).get(records);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("meta").get("total").asLong()).isEqualTo(20);

        // the bureau puts the developer on the test profile's tight tier (burst 3, one a minute): soon 429
        long id = signedIn("dsj_admin").get("/api/v1/opendata/developers?q=" + URLEncoder.encode(email, StandardCharsets.UTF_8))
                .json().get(0).get("id").asLong();
        var tiered = signedIn("dsj_admin").put("/api/v1/opendata/developers/" + id + "/tier", Map.of("tier", "tight"));
        assertThat(tiered.status()).as(tiered.body()).isEqualTo(200);
        var client = anonymous().header("X-API-Key", secret);
        Http.Response answer = null;
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            answer = client.get(records);
            if (answer.status() != 200) break;
            admitted++;
            assertThat(answer.header("X-RateLimit-Limit")).isEqualTo("1");
        }
        assertThat(admitted).isBetween(1, 3);
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.json().get("code").asString()).isEqualTo("OPENDATA_RATE_LIMITED");
        assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 60L);

        browser().open("/open/developers/keys?lang=en");
        assertThat(browser().text(By.id("portal-keys"))).isEqualTo("My API keys");
        browser().screenshot(SHOTS.resolve("developer-keys-en.png"));
        browser().open("/open/developers/keys?lang=zh_CN");

        // the keys page shows the tier the bureau set and the key used; revoking it there stops it at once
        browser().open("/open/developers/keys");
        assertThat(browser().text(By.id("developer-tier"))).contains("tight", "每分钟 1 次");
        assertThat(browser().isAbsent(By.id("key-secret"))).isTrue();
        browser().click(By.cssSelector("#key-table details.revoke summary"));
        browser().screenshot(SHOTS.resolve("developer-revoke-confirm.png"));
        browser().click(By.cssSelector("#key-table .revoke-form button"));
        assertThat(browser().text(By.id("notice"))).contains("数据分析脚本", "已吊销");
        assertThat(browser().text(By.id("key-table"))).contains("已于");
        browser().screenshot(SHOTS.resolve("developer-keys.png"));
        var revoked = anonymous().header("X-API-Key", secret).get(records);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().get("code").asString()).isEqualTo("OPENDATA_BAD_KEY");

        // signing out: the header offers sign-in again
        browser().click(By.id("portal-logout"));
        browser().visible(By.id("portal-developers"));
    }

    /** The confirmation link's path in the newest mail to the address, as the bureau reads its outbox. */
    private String confirmationLink(String email) {
        var outbox = signedIn("dsj_admin").get("/api/v1/opendata/mail?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        assertThat(outbox.status()).as(outbox.body()).isEqualTo(200);
        String body = outbox.json().get(0).get("body").asString();
        var m = LINK.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        // the mail's host is the configured public address; the browser opens the same path on the test's server
        return m.group(1);
    }

    /** A conditionally opened dataset of 20 rows, opened with two fields in clear. */
    private String conditionalDataset() {
        var rs = signedIn("rs_officer");
        var draft = with(with(with(valid(unique("开发者旅程体检统计"), "3205RS"), "openType", "CONDITIONAL"),
                "openCondition", "限注册开发者使用。"), "fields", List.of(
                field("person_id", "证件号码", "STRING", 18, "L1", true),
                field("district", "所属区县", "STRING", 6, "L1", false),
                field("visits", "体检次数", "INTEGER", null, "L1", false)));
        var created = rs.post("/api/v1/resources", draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String code = created.json().get("code").asString();
        assertThat(rs.post("/api/v1/resources/" + code + "/publish", Map.of()).status()).isEqualTo(200);
        var csv = new StringBuilder("person_id,district,visits\n");
        for (int i = 0; i < 20; i++)
            csv.append("P").append(String.format("%05d", i)).append(',').append(i % 2 == 0 ? "320505" : "320506").append(',').append(1 + i % 4).append('\n');
        var uploaded = rs.upload("/api/v1/resources/" + code + "/data/uploads", "checkups.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("mode", "REPLACE"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        var proposed = rs.post("/api/v1/openings", Map.of("resourceCode", code, "fields", Map.of("district", "clear", "visits", "clear"),
                "quasiIdentifiers", List.of(), "k", 5));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        long opening = proposed.json().get("opening").get("id").asLong();
        var approved = signedIn("dsj_admin").post("/api/v1/openings/" + opening + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return code;
    }
}
