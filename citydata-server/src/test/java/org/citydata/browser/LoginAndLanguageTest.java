package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The login page and the language switch, in a real browser. */
class LoginAndLanguageTest extends BrowserTest {

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
