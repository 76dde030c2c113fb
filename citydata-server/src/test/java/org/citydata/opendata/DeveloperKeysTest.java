package org.citydata.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.opendata.Opened.csv;
import static org.citydata.opendata.Opened.form;
import static org.citydata.opendata.Opened.load;
import static org.citydata.opendata.Opened.publish;

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
import tools.jackson.databind.JsonNode;

/**
 * As a developer: register, confirm the address from the mailed link (read from the outbox, as no SMTP server is
 * configured in tests), sign in with HTTP Basic, create a key, read a conditionally opened dataset with it, be recorded
 * in the access log by name, exceed a tight tier and get 429 — and every way of getting this wrong is refused.
 */
class DeveloperKeysTest extends WebTest {

    private static final String PASSWORD = "Kaifa2026pass";
    private static final Pattern TOKEN = Pattern.compile("confirm\\?token=([A-Za-z0-9_-]{20,})");

    @Autowired
    JdbcClient db;

    private record Developer(long id, String email, String name) {}

    private record Key(long id, String secret) {}

    @Test
    void aDeveloperRegistersConfirmsGetsAKeyReadsAConditionalDatasetAndIsThrottled() {
        String code = conditionalDataset();
        String email = email();
        String name = unique("城市开发者");

        var registered = anonymous().post("/api/open/v1/developers",
                Map.of("email", email, "password", PASSWORD, "displayName", name, "organisation", "苏州某科技有限公司"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        var developer = registered.json().get("data");
        assertThat(developer.get("email").asString()).isEqualTo(email);
        assertThat(developer.get("tier").asString()).isEqualTo("basic");
        assertThat(developer.has("confirmedAt")).isFalse();
        assertThat(registered.body()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("password");
        long id = developer.get("id").asLong();

        // the confirmation mail is in the outbox, not sent (no SMTP server), with a link the bureau could pass on
        var mails = outbox(email);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).get("subject").asString()).isEqualTo("请确认您的开放数据开发者账号");
        assertThat(mails.get(0).has("sentAt")).isFalse();
        String token = token(mails.get(0));
        var stored = db.sql("select token_hash from opendata_confirmation where developer_id = ?").param(id).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(token);

        // not confirmed yet: the right password does not sign in
        var early = asDeveloper(email, PASSWORD).get("/api/open/v1/developers/me");
        assertThat(early.status()).isEqualTo(403);
        assertThat(early.json().get("code").asString()).isEqualTo("OPENDATA_NOT_CONFIRMED");

        var confirmed = anonymous().post("/api/open/v1/developers/confirmation", Map.of("token", token));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("data").has("confirmedAt")).isTrue();
        var me = asDeveloper(email, PASSWORD).get("/api/open/v1/developers/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("meta").get("rateLimit").get("requestsPerMinute").asInt()).isEqualTo(600);

        // a key: its secret once, a prefix to tell it by, only a hash stored
        var key = createKey(email, "数据分析脚本");
        assertThat(key.secret()).startsWith("cdk_").hasSizeGreaterThan(40);
        var storedKey = db.sql("select key_hash from opendata_api_key where id = ?").param(key.id()).query(byte[].class).single();
        assertThat(new String(storedKey, StandardCharsets.ISO_8859_1)).doesNotContain(key.secret());

        // the conditional dataset's rows: refused without a key, read with it, as X-API-Key or as CKAN sends it
        String records = "/api/open/v1/datasets/" + code + "/records";
        var without = anonymous().get(records);
        assertThat(without.status()).isEqualTo(401);
        assertThat(without.json().get("code").asString()).isEqualTo("OPENDATA_KEY_REQUIRED");
        assertThat(without.header("X-RateLimit-Limit")).isEqualTo("1000000");
        // every way in is counted: the CKAN API at both of its paths too
        assertThat(anonymous().get("/api/3/action/package_list").header("X-RateLimit-Limit")).isEqualTo("1000000");
        assertThat(anonymous().get("/api/action/package_list").header("X-RateLimit-Limit")).isEqualTo("1000000");
        var withKey = anonymous().header("X-API-Key", key.secret()).get(records);
        assertThat(withKey.status()).as(withKey.body()).isEqualTo(200);
        assertThat(withKey.json().get("meta").get("total").asLong()).isEqualTo(20);
        assertThat(withKey.header("X-RateLimit-Limit")).isEqualTo("600");
        assertThat(withKey.header("X-RateLimit-Remaining")).isNotNull();
        var ckanStyle = anonymous().header("Authorization", key.secret()).get(records);
        assertThat(ckanStyle.status()).as(ckanStyle.body()).isEqualTo(200);

        // the keys list shows it used, never the secret
        var listed = asDeveloper(email, PASSWORD).get("/api/open/v1/developers/me/keys");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(key.secret());
        var first = listed.json().get("data").get(0);
        assertThat(first.get("prefix").asString()).isEqualTo(key.secret().substring(0, 12));
        assertThat(first.get("name").asString()).isEqualTo("数据分析脚本");
        assertThat(first.has("lastUsedAt")).isTrue();
        assertThat(first.has("revokedAt")).isFalse();

        // the reads are in the access log under the developer's number and name
        String signature = "developer#" + id + " " + name;
        var log = signedIn("dsj_auditor").get("/api/v1/audit/records?resource=" + code + "&actor=" + enc(signature));
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        var reads = log.json().get("records").valueStream().toList();
        assertThat(reads).hasSizeGreaterThanOrEqualTo(2).allSatisfy(r -> {
            assertThat(r.get("actor").asString()).isEqualTo(signature);
            assertThat(r.get("channel").asString()).isEqualTo("OPEN");
            assertThat(r.get("action").asString()).isEqualTo("READ");
        });

        // the bureau puts the developer on the tight tier: three requests, then 429 until the bucket refills
        var tiered = signedIn("dsj_admin").put("/api/v1/opendata/developers/" + id + "/tier", Map.of("tier", "tight"));
        assertThat(tiered.status()).as(tiered.body()).isEqualTo(200);
        assertThat(tiered.json().get("tier").asString()).isEqualTo("tight");
        var client = anonymous().header("X-API-Key", key.secret());
        for (int left = 2; left >= 0; left--) {
            var admitted = client.get(records + "?size=1");
            assertThat(admitted.status()).as(admitted.body()).isEqualTo(200);
            assertThat(admitted.header("X-RateLimit-Limit")).isEqualTo("1");
            assertThat(admitted.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(left));
        }
        var throttled = client.get(records + "?size=1");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Content-Type")).startsWith("application/problem+json");
        assertThat(throttled.json().get("code").asString()).isEqualTo("OPENDATA_RATE_LIMITED");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(throttled.header("X-RateLimit-Remaining")).isEqualTo("0");
        // the description is throttled too (every request counts), while anonymous readers have their own allowance
        assertThat(client.get("/api/open/v1/datasets/" + code).status()).isEqualTo(429);
        assertThat(anonymous().get("/api/open/v1/datasets/" + code).status()).isEqualTo(200);

        // revoked: refused with its own code, never read as anonymous
        var revoked = asDeveloper(email, PASSWORD).delete("/api/open/v1/developers/me/keys/" + key.id());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("data").has("revokedAt")).isTrue();
        var afterRevoke = anonymous().header("X-API-Key", key.secret()).get("/api/open/v1/datasets/" + code);
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertThat(afterRevoke.json().get("code").asString()).isEqualTo("OPENDATA_BAD_KEY");
        assertThat(afterRevoke.header("X-RateLimit-Limit")).isEqualTo("1000000"); // counted against the address
    }

    @Test
    void registrationChecksItsFormAndRefusesATakenAddressWithOneAnswer() {
        var invalid = anonymous().post("/api/open/v1/developers",
                Map.of("email", "not-an-address", "password", "short1", "displayName", " "));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("code").asString()).isEqualTo("OPENDATA_INVALID_DEVELOPER");
        assertThat(fields(invalid.json())).containsExactlyInAnyOrder("email", "password", "displayName");
        String email = email();
        for (String weak : List.of("onlyletterspassword", "1234567890123", email.substring(0, email.indexOf('@')) + "2026x")) {
            var refused = anonymous().post("/api/open/v1/developers", Map.of("email", email, "password", weak, "displayName", "弱密码"));
            assertThat(refused.status()).as(weak).isEqualTo(400);
            assertThat(fields(refused.json())).as(weak).containsExactly("password");
        }

        var unconfirmed = register(email(), "未确认的开发者");
        var confirmed = confirmedDeveloper();
        // an address already registered, in any case, confirmed or not: the same refusal, naming no state
        var again = anonymous().english().post("/api/open/v1/developers",
                Map.of("email", unconfirmed.email().toUpperCase(), "password", PASSWORD, "displayName", "冒名"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("OPENDATA_EMAIL_TAKEN");
        var againConfirmed = anonymous().english().post("/api/open/v1/developers",
                Map.of("email", confirmed.email(), "password", PASSWORD, "displayName", "冒名"));
        assertThat(againConfirmed.status()).isEqualTo(409);
        assertThat(againConfirmed.json().get("detail").asString()).isEqualTo(again.json().get("detail").asString());
        // and the account was not touched: the first password still signs in
        assertThat(asDeveloper(confirmed.email(), PASSWORD).get("/api/open/v1/developers/me").json().get("data")
                .get("displayName").asString()).isEqualTo(confirmed.name());
    }

    @Test
    void signInIsRefusedForAWrongPasswordAnUnknownAddressAndADisabledAccount() {
        var developer = confirmedDeveloper();
        var key = createKey(developer.email(), "脚本");

        var wrong = asDeveloper(developer.email(), PASSWORD + "x").get("/api/open/v1/developers/me");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asString()).isEqualTo("OPENDATA_LOGIN_FAILED");
        var unknown = asDeveloper(email(), PASSWORD).get("/api/open/v1/developers/me");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail").asString()).isEqualTo(wrong.json().get("detail").asString());
        assertThat(unknown.header("WWW-Authenticate")).isNull(); // no browser prompt, so no remembered credentials
        var none = anonymous().get("/api/open/v1/developers/me/keys");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("code").asString()).isEqualTo("OPENDATA_LOGIN_REQUIRED");
        // a key is no credential for managing keys
        var byKey = anonymous().header("X-API-Key", key.secret()).post("/api/open/v1/developers/me/keys", Map.of("name", "更多"));
        assertThat(byKey.status()).isEqualTo(401);
        assertThat(byKey.json().get("code").asString()).isEqualTo("OPENDATA_LOGIN_REQUIRED");

        // disabled by the bureau: no sign-in, and the keys stop at once
        var bureau = signedIn("dsj_admin");
        var disabled = bureau.put("/api/v1/opendata/developers/" + developer.id() + "/enabled", Map.of("enabled", false));
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        var refused = asDeveloper(developer.email(), PASSWORD).get("/api/open/v1/developers/me");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("OPENDATA_DEVELOPER_DISABLED");
        var keyRefused = anonymous().header("X-API-Key", key.secret()).get("/api/open/v1/datasets");
        assertThat(keyRefused.status()).isEqualTo(401);
        assertThat(keyRefused.json().get("code").asString()).isEqualTo("OPENDATA_BAD_KEY");
        // a wrong password still says only that it is wrong
        assertThat(asDeveloper(developer.email(), "Wrong2026pass").get("/api/open/v1/developers/me").json().get("code").asString())
                .isEqualTo("OPENDATA_LOGIN_FAILED");

        assertThat(bureau.put("/api/v1/opendata/developers/" + developer.id() + "/enabled", Map.of("enabled", true)).status()).isEqualTo(200);
        assertThat(anonymous().header("X-API-Key", key.secret()).get("/api/open/v1/datasets").status()).isEqualTo(200);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAgainstEveryPasswordUntilTheLockPeriodHasPassed() {
        var developer = confirmedDeveloper();
        var other = confirmedDeveloper();
        for (int i = 1; i <= 5; i++) {
            var wrong = asDeveloper(developer.email(), "Guess" + i + "2026pass").get("/api/open/v1/developers/me");
            assertThat(wrong.status()).as("guess %d", i).isEqualTo(401);
        }
        // locked: the right password is refused as well, with when to come back, in the address's other case too
        var locked = asDeveloper(developer.email().toUpperCase(), PASSWORD).get("/api/open/v1/developers/me/keys");
        assertThat(locked.status()).as(locked.body()).isEqualTo(429);
        assertThat(locked.json().get("code").asString()).isEqualTo("IDENTITY_SIGN_IN_LOCKED");
        assertThat(locked.json().get("detail").asString()).isEqualTo("登录失败次数过多，已暂时锁定，请 15 分钟后再试。");
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(880, 900);
        assertThat(asDeveloper(developer.email(), PASSWORD).post("/api/open/v1/developers/me/keys", Map.of("name", "锁定中")).status())
                .isEqualTo(429);
        assertThat(db.sql("select count(*) from opendata_api_key where developer_id = ?").param(developer.id())
                .query(Long.class).single()).isZero();
        // every failure was counted for the account and the address it came from; another account is not affected
        assertThat(db.sql("select distinct client from identity_sign_in_failure where account = ?").param("developer:" + developer.email())
                .query(String.class).list()).containsExactly("ip:127.0.0.1");
        assertThat(asDeveloper(other.email(), PASSWORD).get("/api/open/v1/developers/me").status()).isEqualTo(200);

        // fifteen minutes later (the failures made older): the right password works and the count starts again
        db.sql("update identity_sign_in_failure set at = at - interval '15 minutes' where account = ?")
                .param("developer:" + developer.email()).update();
        assertThat(asDeveloper(developer.email(), PASSWORD).get("/api/open/v1/developers/me").status()).isEqualTo(200);
        assertThat(db.sql("select count(*) from identity_sign_in_failure where account = ?").param("developer:" + developer.email())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aConfirmationLinkWorksOnceAndNotAfterItExpiresOrIsReplaced() {
        var developer = register(email(), "确认链接测试");
        String first = token(outbox(developer.email()).get(0));

        // asking again mails a new link and retires the first; asking for an unknown address mails nothing, same answer
        var resent = anonymous().post("/api/open/v1/developers/confirmation-mail", Map.of("email", developer.email()));
        assertThat(resent.status()).isEqualTo(202);
        String stranger = email();
        var resentUnknown = anonymous().post("/api/open/v1/developers/confirmation-mail", Map.of("email", stranger));
        assertThat(resentUnknown.status()).isEqualTo(202);
        assertThat(resentUnknown.body()).isEqualTo(resent.body());
        assertThat(outbox(stranger)).isEmpty();
        var mails = outbox(developer.email());
        assertThat(mails).hasSize(2);
        String second = token(mails.get(0));
        assertThat(second).isNotEqualTo(first);
        var replaced = anonymous().post("/api/open/v1/developers/confirmation", Map.of("token", first));
        assertThat(replaced.status()).isEqualTo(410);
        assertThat(replaced.json().get("code").asString()).isEqualTo("OPENDATA_CONFIRMATION_EXPIRED");

        // past its 48 hours
        db.sql("update opendata_confirmation set expires_at = now() - interval '1 second' where token_hash = sha256(convert_to(?, 'UTF8'))")
                .param(second).update();
        var expired = anonymous().post("/api/open/v1/developers/confirmation", Map.of("token", second));
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.json().get("code").asString()).isEqualTo("OPENDATA_CONFIRMATION_EXPIRED");
        assertThat(asDeveloper(developer.email(), PASSWORD).get("/api/open/v1/developers/me").json().get("code").asString())
                .isEqualTo("OPENDATA_NOT_CONFIRMED");

        anonymous().post("/api/open/v1/developers/confirmation-mail", Map.of("email", developer.email()));
        String third = token(outbox(developer.email()).get(0));
        assertThat(anonymous().post("/api/open/v1/developers/confirmation", Map.of("token", third)).status()).isEqualTo(200);
        var reused = anonymous().post("/api/open/v1/developers/confirmation", Map.of("token", third));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("code").asString()).isEqualTo("OPENDATA_CONFIRMATION_INVALID");
        var madeUp = anonymous().post("/api/open/v1/developers/confirmation", Map.of("token", "A".repeat(43)));
        assertThat(madeUp.status()).isEqualTo(400);
        assertThat(madeUp.json().get("code").asString()).isEqualTo("OPENDATA_CONFIRMATION_INVALID");
        // a confirmed account gets no further links
        anonymous().post("/api/open/v1/developers/confirmation-mail", Map.of("email", developer.email()));
        assertThat(outbox(developer.email())).hasSize(3);
    }

    @Test
    void aDeveloperManagesOnlyItsOwnKeysAndNoMoreThanTen() {
        var owner = confirmedDeveloper();
        var other = confirmedDeveloper();
        var key = createKey(owner.email(), "主密钥");

        var foreign = asDeveloper(other.email(), PASSWORD).delete("/api/open/v1/developers/me/keys/" + key.id());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("code").asString()).isEqualTo("OPENDATA_KEY_NOT_FOUND");
        assertThat(asDeveloper(other.email(), PASSWORD).get("/api/open/v1/developers/me/keys").json().get("data").size()).isZero();
        assertThat(anonymous().header("X-API-Key", key.secret()).get("/api/open/v1/datasets").status()).isEqualTo(200);

        var noName = asDeveloper(owner.email(), PASSWORD).post("/api/open/v1/developers/me/keys", Map.of("name", " "));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("code").asString()).isEqualTo("OPENDATA_INVALID_KEY");
        for (int i = 2; i <= 10; i++) createKey(owner.email(), "密钥" + i);
        var eleventh = asDeveloper(owner.email(), PASSWORD).post("/api/open/v1/developers/me/keys", Map.of("name", "第十一个"));
        assertThat(eleventh.status()).isEqualTo(409);
        assertThat(eleventh.json().get("code").asString()).isEqualTo("OPENDATA_KEY_LIMIT");
        assertThat(asDeveloper(owner.email(), PASSWORD).delete("/api/open/v1/developers/me/keys/" + key.id()).status()).isEqualTo(200);
        createKey(owner.email(), "替换的密钥");
        assertThat(asDeveloper(owner.email(), PASSWORD).get("/api/open/v1/developers/me/keys").json().get("data").size()).isEqualTo(11);
    }

    @Test
    void aDepartmentTokenIsNoDeveloperKeyAndADeveloperKeyNoDepartmentToken() {
        String code = conditionalDataset();
        String records = "/api/open/v1/datasets/" + code + "/records";
        var issued = signedIn("ga_admin").post("/api/v1/tokens", Map.of("name", "开放数据读取", "departmentCode", "3205GA",
                "scopes", List.of("CATALOG_READ"), "validDays", 30));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String departmentToken = issued.json().get("secret").asString();

        for (var presented : List.of(List.of("X-API-Key", departmentToken), List.of("Authorization", departmentToken),
                List.of("X-API-Key", "cdk_" + "x".repeat(43)))) {
            var refused = anonymous().header(presented.get(0), presented.get(1)).get(records);
            assertThat(refused.status()).as(presented.get(0)).isEqualTo(401);
            assertThat(refused.json().get("code").asString()).isEqualTo("OPENDATA_BAD_KEY");
        }
        // as a bearer token the department's application is itself, and reads open data as the public does
        var asApplication = withToken(departmentToken).get(records);
        assertThat(asApplication.status()).isEqualTo(401);
        assertThat(asApplication.json().get("code").asString()).isEqualTo("OPENDATA_KEY_REQUIRED");

        var developer = confirmedDeveloper();
        var key = createKey(developer.email(), "脚本");
        var asBearer = withToken(key.secret()).get("/api/v1/me");
        assertThat(asBearer.status()).isEqualTo(401);
        assertThat(asBearer.json().get("code").asString()).isEqualTo("AUTH_TOKEN_INVALID");
        // a raw key in Authorization passes the bearer filter untouched, on any path of the open API
        assertThat(anonymous().header("Authorization", key.secret()).get(records).status()).isEqualTo(200);
    }

    @Test
    void onlyTheBureauSeesTheOutboxAndManagesDevelopers() {
        var developer = confirmedDeveloper();
        String path = "/api/v1/opendata/developers/" + developer.id() + "/tier";
        for (String user : List.of("rs_officer", "ga_admin", "dsj_auditor")) {
            assertThat(signedIn(user).get("/api/v1/opendata/mail").status()).as(user).isEqualTo(403);
            assertThat(signedIn(user).get("/api/v1/opendata/developers").status()).as(user).isEqualTo(403);
            assertThat(signedIn(user).put(path, Map.of("tier", "partner")).status()).as(user).isEqualTo(403);
        }
        assertThat(anonymous().get("/api/v1/opendata/mail").status()).isEqualTo(401);
        assertThat(asDeveloper(developer.email(), PASSWORD).get("/api/v1/opendata/mail").status()).isEqualTo(401);
        // a change without a session is refused before it is looked at (no CSRF token, no console user)
        assertThat(asDeveloper(developer.email(), PASSWORD).put(path, Map.of("tier", "partner")).status()).isIn(401, 403);

        var bureau = signedIn("dsj_admin");
        for (String tier : List.of("anonymous", "gold")) {
            var refused = bureau.put(path, Map.of("tier", tier));
            assertThat(refused.status()).as(tier).isEqualTo(400);
            assertThat(refused.json().get("code").asString()).isEqualTo("OPENDATA_UNKNOWN_TIER");
        }
        assertThat(bureau.put("/api/v1/opendata/developers/999999999/tier", Map.of("tier", "partner")).json().get("code").asString())
                .isEqualTo("OPENDATA_DEVELOPER_NOT_FOUND");
        var partner = bureau.put(path, Map.of("tier", "partner"));
        assertThat(partner.status()).isEqualTo(200);
        assertThat(asDeveloper(developer.email(), PASSWORD).get("/api/open/v1/developers/me").json().get("meta").get("rateLimit")
                .get("requestsPerMinute").asInt()).isEqualTo(6000);
        var found = bureau.get("/api/v1/opendata/developers?q=" + enc(developer.email()));
        assertThat(found.json().valueStream().map(d -> d.get("tier").asString()).toList()).containsExactly("partner");
        assertThat(bureau.get("/api/v1/opendata/tiers").json().propertyNames()).contains("anonymous", "basic", "partner", "tight");
    }

    // --- helpers ---

    /** A published CONDITIONAL resource with 20 rows, opened with one clear field and approved by the bureau. */
    private String conditionalDataset() {
        var rs = signedIn("rs_officer");
        String code = publish(rs, "3205RS", unique("体检开发者统计"), "CONDITIONAL");
        load(rs, code, csv(20, 23));
        var proposed = rs.post("/api/v1/openings", form(code, Map.of("visits", "clear"), List.of(), 5));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        long id = proposed.json().get("opening").get("id").asLong();
        var approved = signedIn("dsj_admin").post("/api/v1/openings/" + id + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return code;
    }

    private static String email() {
        return unique("dev").toLowerCase() + "@example.com";
    }

    private Developer register(String email, String name) {
        var body = new LinkedHashMap<String, Object>();
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("displayName", name);
        var r = anonymous().post("/api/open/v1/developers", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Developer(r.json().get("data").get("id").asLong(), email, name);
    }

    private Developer confirmedDeveloper() {
        var developer = register(email(), unique("开发者"));
        var r = anonymous().post("/api/open/v1/developers/confirmation", Map.of("token", token(outbox(developer.email()).get(0))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return developer;
    }

    private Key createKey(String email, String name) {
        var r = asDeveloper(email, PASSWORD).post("/api/open/v1/developers/me/keys", Map.of("name", name));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        var data = r.json().get("data");
        return new Key(data.get("key").get("id").asLong(), data.get("secret").asString());
    }

    /** The outbox for one address, newest first, as the bureau reads it. */
    private List<JsonNode> outbox(String email) {
        var r = signedIn("dsj_admin").get("/api/v1/opendata/mail?to=" + enc(email));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().valueStream().toList();
    }

    private static String token(JsonNode mail) {
        var m = TOKEN.matcher(mail.get("body").asString());
        assertThat(m.find()).as(mail.get("body").asString()).isTrue();
        return m.group(1);
    }

    private Http asDeveloper(String email, String password) {
        return anonymous().header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("violations").valueStream().map(v -> v.get("field").asString()).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
