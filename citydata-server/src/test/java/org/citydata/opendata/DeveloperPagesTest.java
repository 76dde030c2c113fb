package org.citydata.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.opendata.Opened.csv;
import static org.citydata.opendata.Opened.form;
import static org.citydata.opendata.Opened.load;
import static org.citydata.opendata.Opened.publish;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The developer's pages on the portal over HTTP: registering with errors shown as typed, confirming only by POST,
 * signing in to a portal session (a new session id, a new CSRF token), creating a key whose secret is shown once,
 * revoking only one's own keys, and the dataset page reading a conditional dataset as the signed-in developer. Every
 * form refuses a POST without the session's CSRF token.
 */
class DeveloperPagesTest extends WebTest {

    private static final String PASSWORD = "Kaifa2026pass";
    private static final Pattern TOKEN = Pattern.compile("confirm\\?token=([A-Za-z0-9_-]{20,})");
    private static final Pattern SECRET = Pattern.compile("id=\"key-secret\">(cdk_[A-Za-z0-9_-]+)<");

    @Autowired
    JdbcClient db;

    @Test
    void registrationShowsErrorsAsTypedNeverThePasswordAndMailsTheLink() {
        var visitor = anonymous();
        var page = visitor.get("/open/developers/register");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"register-form\"", "name=\"_csrf\"", "name=\"passwordRepeat\"");
        visitor.csrfFrom(page);
        String email = email();

        // the passwords differ: nothing registered, what was typed comes back but the passwords
        var differ = visitor.form("/open/developers/register", registration(email, PASSWORD, PASSWORD + "x", "城市开发者"));
        assertThat(differ.status()).isEqualTo(200);
        assertThat(differ.body()).contains("id=\"passwordRepeat-error\"", "两次输入的密码不一致", "value=\"" + email + "\"",
                "value=\"城市开发者\"", "value=\"苏州某科技有限公司\"").doesNotContain(PASSWORD);
        assertThat(outbox(email)).isEmpty();

        // the service's own checks, each under its field
        var invalid = visitor.form("/open/developers/register", registration("not-an-address", "short1", "short1", " "));
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("注册信息有 3 处错误", "id=\"email-error\"", "id=\"password-error\"", "id=\"displayName-error\"",
                "value=\"not-an-address\"").doesNotContain("short1");

        // without the CSRF token a forged form registers nobody
        var forged = anonymous().form("/open/developers/register", registration(email, PASSWORD, PASSWORD, "伪造"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(outbox(email)).isEmpty();

        var done = visitor.form("/open/developers/register", registration(email, PASSWORD, PASSWORD, "城市开发者"));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        assertThat(path(done.header("Location"))).isEqualTo("/open/developers/registered");
        var registered = visitor.get("/open/developers/registered");
        // no SMTP server in tests: the page says the mail was only written to the bureau's outbox, not that it was sent
        assertThat(registered.body()).contains("已为 " + email + " 生成确认邮件", "id=\"outbox-note\"", "尚未配置邮件服务器", "发件箱")
                .doesNotContain("确认邮件已发往");
        var mails = outbox(email);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0)).contains("/open/developers/confirm?token=");

        // the same address again: the service's one answer, naming no account state
        var again = visitor.form("/open/developers/register", registration(email.toUpperCase(), PASSWORD, PASSWORD, "冒名"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("该邮箱不能再次注册");
        assertThat(outbox(email)).hasSize(1);
    }

    @Test
    void theMailedLinkConfirmsOnlyWhenTheButtonIsPressed() {
        String email = register("确认按钮");
        String token = token(email);

        // a link preview (GET) shows the button and leaves the token unused, however often it comes
        var visitor = anonymous();
        for (int i = 0; i < 2; i++) {
            var preview = visitor.get("/open/developers/confirm?token=" + token);
            assertThat(preview.status()).isEqualTo(200);
            assertThat(preview.body()).contains("id=\"confirm-form\"", "name=\"token\" value=\"" + token + "\"").doesNotContain("id=\"confirmed\"");
            visitor.csrfFrom(preview);
        }
        assertThat(used(token)).isFalse();
        assertThat(signIn(email).body()).contains("邮箱尚未确认", "id=\"not-confirmed\"");

        // a forged POST without the CSRF token does not confirm either
        assertThat(anonymous().form("/open/developers/confirm", Map.of("token", token)).status()).isEqualTo(403);
        assertThat(used(token)).isFalse();

        var confirmed = visitor.form("/open/developers/confirm", Map.of("token", token));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("id=\"confirmed\"", "邮箱 " + email + " 已确认", "/open/developers/login?email=");
        assertThat(used(token)).isTrue();

        // used: a clear message and the form for a new mail
        var reused = visitor.form("/open/developers/confirm", Map.of("token", token));
        assertThat(reused.body()).contains("确认链接无效或已使用过", "id=\"resend-form\"").doesNotContain("id=\"confirmed\"");
    }

    @Test
    void anExpiredLinkSaysSoAndANewMailCanBeAskedFor() {
        String email = register("过期链接");
        String first = token(email);
        db.sql("update opendata_confirmation set expires_at = now() - interval '1 second' where token_hash = sha256(convert_to(?, 'UTF8'))")
                .param(first).update();
        var visitor = anonymous();
        visitor.csrfFrom(visitor.get("/open/developers/confirm?token=" + first));
        var expired = visitor.form("/open/developers/confirm", Map.of("token", first));
        assertThat(expired.body()).contains("确认链接已过期", "id=\"resend-form\"");

        // a forged resend mails nothing; the real one mails a new link, and says the same as for an unknown address
        assertThat(anonymous().form("/open/developers/confirmation-mail", Map.of("email", email)).status()).isEqualTo(403);
        assertThat(outbox(email)).hasSize(1);
        var resent = visitor.form("/open/developers/confirmation-mail", Map.of("email", email));
        assertThat(resent.status()).isEqualTo(302);
        String notice = visitor.get(path(resent.header("Location"))).body();
        assertThat(notice).contains("id=\"notice\"", "新的确认邮件已发出");
        String stranger = email();
        var unknown = visitor.form("/open/developers/confirmation-mail", Map.of("email", stranger));
        assertThat(visitor.get(path(unknown.header("Location"))).body()).contains("新的确认邮件已发出");
        assertThat(outbox(stranger)).isEmpty();
        assertThat(outbox(email)).hasSize(2);
        String second = token(email);
        assertThat(second).isNotEqualTo(first);
        assertThat(visitor.form("/open/developers/confirm", Map.of("token", second)).body()).contains("id=\"confirmed\"");
    }

    @Test
    void signingInGivesANewSessionAndCsrfTokenAndFailuresSayOnlyWhatTheServiceSays() {
        String email = confirmed("会话开发者");

        var keysAnonymous = anonymous().get("/open/developers/keys");
        assertThat(keysAnonymous.status()).isEqualTo(302);
        assertThat(path(keysAnonymous.header("Location"))).isEqualTo("/open/developers/login?next=/open/developers/keys");

        var wrong = signIn(email, PASSWORD + "x");
        var unknown = signIn(email(), PASSWORD);
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.body()).contains("邮箱或密码不正确", "value=\"" + email + "\"").doesNotContain(PASSWORD);
        assertThat(problem(unknown.body())).isEqualTo(problem(wrong.body()));

        var browser = anonymous();
        var loginPage = browser.get("/open/developers/login");
        String before = sessionCookie(loginPage);
        assertThat(before).as("the login page's form opens a session for its CSRF token").isNotNull();
        browser.csrfFrom(loginPage);
        assertThat(anonymous().form("/open/developers/login", Map.of("email", email, "password", PASSWORD)).status())
                .as("no CSRF token, no sign-in").isEqualTo(403);

        var signedIn = browser.form("/open/developers/login", Map.of("email", email, "password", PASSWORD, "next", "/open/developers/keys"));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(path(signedIn.header("Location"))).isEqualTo("/open/developers/keys");
        String after = sessionCookie(signedIn);
        assertThat(after).as("a new session id at sign-in").isNotNull().isNotEqualTo(before);
        // the token of the page before sign-in is no longer good
        assertThat(browser.form("/open/developers/keys", Map.of("name", "旧令牌")).status()).isEqualTo(403);

        var keys = browser.get("/open/developers/keys");
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.body()).contains("id=\"portal-developer\"", "会话开发者", "id=\"developer-tier\"", "basic", "每分钟 600 次", "id=\"no-keys\"");
        assertThat(keys.body()).doesNotContain("id=\"portal-developers\""); // the header's sign-in link is gone

        // only portal pages are where a sign-in sends one: an address elsewhere falls back to the keys
        var elsewhere = anonymous();
        elsewhere.csrfFrom(elsewhere.get("/open/developers/login"));
        var offsite = elsewhere.form("/open/developers/login", Map.of("email", email, "password", PASSWORD, "next", "//evil.example/open/"));
        assertThat(path(offsite.header("Location"))).isEqualTo("/open/developers/keys");

        // signing out forgets the developer, and the keys page asks to sign in again
        browser.csrfFrom(keys);
        assertThat(browser.form("/open/developers/logout", Map.of()).status()).isEqualTo(302);
        assertThat(browser.get("/open/developers/keys").status()).isEqualTo(302);
        assertThat(browser.get("/open").body()).contains("id=\"portal-developers\"").doesNotContain("id=\"portal-developer\"");
    }

    @Test
    void afterFiveWrongPasswordsThePortalSaysHowLongToWaitAndDoesNotSignIn() {
        String email = confirmed(unique("锁定开发者"));
        for (int i = 1; i <= 5; i++)
            assertThat(signIn(email, "Guess" + i + "2026pass").body()).as("guess %d", i).contains("邮箱或密码不正确。");
        var visitor = anonymous();
        visitor.csrfFrom(visitor.get("/open/developers/login"));
        var locked = visitor.form("/open/developers/login", Map.of("email", email, "password", PASSWORD));
        assertThat(locked.status()).isEqualTo(200);
        assertThat(locked.body()).contains("id=\"problem\"", "登录失败次数过多，已暂时锁定，请 15 分钟后再试。");
        assertThat(visitor.get("/open/developers/keys").status()).as("not signed in").isEqualTo(302);
        // the developer API sees the same lock: one count for the account, whichever door the guesses came through
        var api = anonymous().header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((email + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).get("/api/open/v1/developers/me");
        assertThat(api.status()).isEqualTo(429);
    }

    @Test
    void aSignedInDeveloperCreatesAKeySeenOnceAndRevokesOnlyItsOwn() {
        String email = confirmed("密钥开发者");
        var browser = signedInPortal(email);

        var keysPage = browser.get("/open/developers/keys");
        browser.csrfFrom(keysPage);
        assertThat(anonymous().form("/open/developers/keys", Map.of("name", "伪造")).status()).isEqualTo(403);
        var blank = browser.form("/open/developers/keys", Map.of("name", " "));
        assertThat(blank.body()).contains("API 密钥信息有 1 处错误").doesNotContain("id=\"key-secret\"");

        var created = browser.form("/open/developers/keys", Map.of("name", "分析脚本"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.header("Cache-Control")).contains("no-store");
        var m = SECRET.matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        String secret = m.group(1);
        assertThat(created.body()).contains("id=\"copy-secret\"", "X-API-Key: " + secret, "/api/open/v1/datasets/", "/records?size=10");
        assertThat(anonymous().header("X-API-Key", secret).get("/api/open/v1/datasets").status()).isEqualTo(200);

        // shown once: the list has its name and prefix, never the secret again
        var listed = browser.get("/open/developers/keys");
        assertThat(listed.body()).contains("分析脚本", secret.substring(0, 12) + "…").doesNotContain(secret);
        long keyId = db.sql("select id from opendata_api_key where key_prefix = ?").param(secret.substring(0, 12)).query(Long.class).single();

        // another developer's key, by its number: as if it did not exist, and it keeps working
        String otherEmail = confirmed("别人的密钥");
        var otherKey = anonymous().header("Authorization", basic(otherEmail)).post("/api/open/v1/developers/me/keys", Map.of("name", "别人"));
        assertThat(otherKey.status()).as(otherKey.body()).isEqualTo(201);
        long otherId = otherKey.json().get("data").get("key").get("id").asLong();
        String otherSecret = otherKey.json().get("data").get("secret").asString();
        var foreign = browser.form("/open/developers/keys/" + otherId + "/revoke", Map.of());
        assertThat(foreign.status()).isEqualTo(302);
        assertThat(browser.get("/open/developers/keys").body()).contains("id=\"problem\"", "没有编号为 " + otherId + " 的 API 密钥");
        assertThat(anonymous().header("X-API-Key", otherSecret).get("/api/open/v1/datasets").status()).isEqualTo(200);

        // revoking needs the CSRF token too; then the key stops at once
        assertThat(anonymous().form("/open/developers/keys/" + keyId + "/revoke", Map.of()).status()).isEqualTo(403);
        var forgedBySession = browser.withoutCsrf().formPairs("/open/developers/keys/" + keyId + "/revoke");
        assertThat(forgedBySession.status()).as("the session's cookie alone is not enough").isEqualTo(403);
        assertThat(anonymous().header("X-API-Key", secret).get("/api/open/v1/datasets").status()).isEqualTo(200);
        browser.csrfFrom(listed);
        assertThat(listed.body()).contains("/open/developers/keys/" + keyId + "/revoke", "吊销密钥“分析脚本”？");
        var revoked = browser.form("/open/developers/keys/" + keyId + "/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(302);
        var after = browser.get("/open/developers/keys");
        assertThat(after.body()).contains("密钥“分析脚本”已吊销", "badge REVOKED");
        var refused = anonymous().header("X-API-Key", secret).get("/api/open/v1/datasets");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asString()).isEqualTo("OPENDATA_BAD_KEY");
    }

    @Test
    void aDisabledDeveloperIsSignedOutAtItsNextPage() {
        String email = confirmed("被停用的开发者");
        var browser = signedInPortal(email);
        assertThat(browser.get("/open/developers/keys").status()).isEqualTo(200);
        long id = db.sql("select id from opendata_developer where email = ?").param(email).query(Long.class).single();
        var disabled = signedIn("dsj_admin").put("/api/v1/opendata/developers/" + id + "/enabled", Map.of("enabled", false));
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(browser.get("/open/developers/keys").status()).isEqualTo(302);
        assertThat(browser.get("/open").body()).doesNotContain("被停用的开发者");
    }

    @Test
    void aConditionalDatasetsPageReadsAsTheSignedInDeveloperAndOffersSignInToOthers() {
        String code = conditionalDataset();
        String page = "/open/datasets/" + code;

        var anonymousPage = anonymous().get(page);
        assertThat(anonymousPage.status()).isEqualTo(200);
        assertThat(anonymousPage.body()).contains("id=\"key-required\"", "id=\"key-required-links\"",
                "/open/developers/login?next=/open/datasets/" + code, "/open/developers/register").doesNotContain("id=\"preview-table\"");
        var chartAnonymous = anonymous().get("/open/developers/datasets/" + code + "/distribution?field=visits");
        assertThat(chartAnonymous.status()).isEqualTo(401);

        String name = unique("页面开发者");
        String email = confirmed(name);
        var browser = signedInPortal(email, page);
        var read = browser.get(page);
        assertThat(read.body()).contains("id=\"preview-table\"", "共 20 条", "id=\"read-as-developer\"", name,
                "data-distribution=\"/open/developers/datasets/" + code + "/distribution\"").doesNotContain("id=\"key-required\"");
        var chart = browser.get("/open/developers/datasets/" + code + "/distribution?field=visits&limit=30");
        assertThat(chart.status()).as(chart.body()).isEqualTo(200);
        assertThat(chart.json().get("data").size()).isPositive();
        assertThat(chart.json().get("meta").get("field").asString()).isEqualTo("visits");

        // recorded under the developer's number and name, as a read by key would be
        long id = db.sql("select id from opendata_developer where email = ?").param(email).query(Long.class).single();
        var log = signedIn("dsj_auditor").get("/api/v1/audit/records?resource=" + code + "&actor="
                + URLEncoder.encode("developer#" + id + " " + name, StandardCharsets.UTF_8));
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        assertThat(log.json().get("records").size()).isGreaterThanOrEqualTo(2);
    }

    // ------------------------------------------------------------------ helpers

    private String conditionalDataset() {
        var rs = signedIn("rs_officer");
        String code = publish(rs, "3205RS", unique("开发者页面体检统计"), "CONDITIONAL");
        load(rs, code, csv(20, 31));
        var proposed = rs.post("/api/v1/openings", form(code, Map.of("visits", "clear", "district", "clear"), List.of(), 5));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        long id = proposed.json().get("opening").get("id").asLong();
        var approved = signedIn("dsj_admin").post("/api/v1/openings/" + id + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return code;
    }

    private static Map<String, String> registration(String email, String password, String repeat, String name) {
        var f = new LinkedHashMap<String, String>();
        f.put("email", email);
        f.put("password", password);
        f.put("passwordRepeat", repeat);
        f.put("displayName", name);
        f.put("organisation", "苏州某科技有限公司");
        return f;
    }

    /** Registers through the portal's form; the address. */
    private String register(String name) {
        String email = email();
        var visitor = anonymous();
        visitor.csrfFrom(visitor.get("/open/developers/register"));
        var r = visitor.form("/open/developers/register", registration(email, PASSWORD, PASSWORD, name));
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        return email;
    }

    private String confirmed(String name) {
        String email = register(name);
        var visitor = anonymous();
        String token = token(email);
        visitor.csrfFrom(visitor.get("/open/developers/confirm?token=" + token));
        assertThat(visitor.form("/open/developers/confirm", Map.of("token", token)).body()).contains("id=\"confirmed\"");
        return email;
    }

    private Http.Response signIn(String email) {
        return signIn(email, PASSWORD);
    }

    private Http.Response signIn(String email, String password) {
        var visitor = anonymous();
        visitor.csrfFrom(visitor.get("/open/developers/login"));
        return visitor.form("/open/developers/login", Map.of("email", email, "password", password));
    }

    private Http signedInPortal(String email) {
        return signedInPortal(email, "/open/developers/keys");
    }

    /** A client signed in on the portal, carrying its session and the token of its first page after sign-in. */
    private Http signedInPortal(String email, String next) {
        var browser = anonymous();
        browser.csrfFrom(browser.get("/open/developers/login"));
        var r = browser.form("/open/developers/login", Map.of("email", email, "password", PASSWORD, "next", next));
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        assertThat(path(r.header("Location"))).isEqualTo(next);
        browser.csrfFrom(browser.get("/open/developers/keys"));
        return browser;
    }

    private boolean used(String token) {
        return db.sql("select used_at is not null from opendata_confirmation where token_hash = sha256(convert_to(?, 'UTF8'))")
                .param(token).query(Boolean.class).single();
    }

    /** The newest confirmation link's token in the address's outbox. */
    private String token(String email) {
        var mails = outbox(email);
        var m = TOKEN.matcher(mails.get(0));
        assertThat(m.find()).as(mails.get(0)).isTrue();
        return m.group(1);
    }

    /** Bodies of the mails to one address, newest first, as the bureau reads the outbox. */
    private List<String> outbox(String email) {
        var r = signedIn("dsj_admin").get("/api/v1/opendata/mail?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().valueStream().map(n -> n.get("body").asString()).toList();
    }

    private static String problem(String html) {
        var m = Pattern.compile("id=\"problem\">([^<]*)<").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    private static String sessionCookie(Http.Response r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring("JSESSIONID=".length(), c.indexOf(';'))).findFirst().orElse(null);
    }

    private static String path(String location) {
        var uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String basic(String email) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static String email() {
        return unique("page").toLowerCase() + "@example.com";
    }
}
