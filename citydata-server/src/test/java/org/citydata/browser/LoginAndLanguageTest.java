package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The login page and the language switch, in a real browser. */
class LoginAndLanguageTest extends BrowserTest {

    @Autowired
    JdbcClient db;

    @Test
    void aWrongPasswordIsRejectedWithAVisibleErrorAndNoSession() {
        var b = browser();
        b.submitLogin("ga_officer", "Wrong@2026");
        assertThat(b.text(By.id("login-error"))).isEqualTo("用户名或密码错误，或账号已停用。");
        assertThat(b.isAbsent(By.id("me"))).isTrue();

        b.open("/resources"); // still signed out: the console sends the browser back to the login page
        b.visible(By.id("login-submit"));
        assertThat(b.driver().getCurrentUrl()).contains("/login");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndThePageSaysForHowLong() {
        String username = unique("lock").toLowerCase();
        var created = signedIn("ga_admin").post("/api/v1/users", Map.of("username", username, "displayName", "孙八",
                "departmentCode", "3205GA", "roles", List.of("DATA_OFFICER"), "password", "Secret123"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var b = browser();
        for (int i = 1; i <= 4; i++) {
            b.submitLogin(username, "Guess" + i + "x");
            assertThat(b.text(By.id("login-error"))).isEqualTo("用户名或密码错误，或账号已停用。");
        }
        b.submitLogin(username, "Guess5x");
        assertThat(b.text(By.id("login-locked"))).isEqualTo("登录失败次数过多，该账号已暂时锁定，请 15 分钟后再试。");
        // the right password now is refused too, before it is checked
        b.submitLogin(username, "Secret123");
        assertThat(b.text(By.id("login-locked"))).contains("15 分钟");
        assertThat(b.isAbsent(By.id("me"))).isTrue();
        // counted by account only (officers may share a proxy's address): other accounts sign in as ever
        assertThat(db.sql("select count(*) from identity_sign_in_failure where account = ? and client is null").param("user:" + username)
                .query(Long.class).single()).isEqualTo(5);
        b.signIn("ga_officer", DEMO_PASSWORD);
        b.forgetSession();

        // once the failures are fifteen minutes old, the right password signs in and the count is cleared
        db.sql("update identity_sign_in_failure set at = at - interval '15 minutes' where account = ?").param("user:" + username).update();
        b.signIn(username, "Secret123");
        assertThat(db.sql("select count(*) from identity_sign_in_failure where account = ?").param("user:" + username)
                .query(Long.class).single()).isZero();
    }

    @Test
    void theLanguageSwitchTurnsTheConsoleIntoEnglishAndBack() {
        var b = browser().open("/login");
        assertThat(b.text(By.id("login-submit"))).isEqualTo("登录");
        b.click(By.cssSelector("a[href*='lang=en']"));
        b.until(ExpectedConditions.textToBe(By.id("login-submit"), "Sign in"));

        b.signIn("ga_officer", DEMO_PASSWORD); // the choice outlives the login
        assertThat(b.text(By.id("nav-catalog"))).isEqualTo("Catalog");
        assertThat(b.text(By.cssSelector("main h1"))).isEqualTo("Overview");
        b.open("/resources");
        assertThat(b.text(By.cssSelector("main h1"))).isEqualTo("Catalog");

        assertThat(b.text(By.id("lang-switch"))).isEqualTo("中文");
        b.click(By.id("lang-switch"));
        b.until(ExpectedConditions.textToBe(By.id("nav-catalog"), "资源目录"));
        assertThat(b.text(By.cssSelector("main h1"))).isEqualTo("资源目录");
        assertThat(b.text(By.id("lang-switch"))).isEqualTo("English");
    }
}
