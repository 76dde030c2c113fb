package org.citydata.browser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Debian's chromedriver. Both come from the machine (packages {@code chromium} and
 * {@code chromium-driver}); the paths are given explicitly so Selenium Manager never looks for, let alone downloads,
 * a driver. Waits are explicit: every step waits for what the page must show, never for a fixed time.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String INSTALL = "apt-get install -y chromium chromium-driver";

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final WebDriverWait wait;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
        this.wait = new WebDriverWait(driver, WAIT);
        // a timeout says where the browser was, which is most of what one needs to know
        this.wait.withMessage(() -> "on " + driver.getCurrentUrl() + " titled \"" + driver.getTitle() + "\"");
    }

    /**
     * Starts a browser against {@code base}. Without Chromium and its driver the test is skipped, except on CI
     * (the {@code CI} variable is set) where a silent skip would hide that the browser tests never ran.
     */
    static Browser start(String base) {
        requireInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("citydata-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile, "--lang=zh-CN");
        // a Chinese browser, as the console's users have: the console answers in the language the browser asks for
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh",
                // downloads land in the profile, without asking, where downloaded() finds them
                "download.default_directory", profile.resolve("downloads").toString(), "download.prompt_for_download", false));
        try {
            var driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new Browser(driver, profile, base);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    private static void requireInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) return;
        String message = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + "; install them with: " + INSTALL;
        if (System.getenv("CI") != null) fail(message);
        assumeTrue(false, message);
    }

    /** The file downloaded under this name, once Chromium has finished writing it. */
    Path downloaded(String name) {
        var file = profile.resolve("downloads").resolve(name);
        wait.until(d -> Files.isRegularFile(file) && !Files.exists(file.resolveSibling(name + ".crdownload")));
        return file;
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a path of the application and waits until the document has loaded. */
    Browser open(String path) {
        driver.get(base + path);
        waitForPage();
        return this;
    }

    /** Forgets the session and the language cookie, so each test starts signed out and in Chinese. */
    void forgetSession() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    /** Signs in through the login page and waits for the console to greet the person. */
    Browser signIn(String username, String password) {
        submitLogin(username, password);
        visible(By.id("me"));
        return this;
    }

    void submitLogin(String username, String password) {
        open("/login"); // a fresh page: its CSRF token belongs to the session the browser holds now
        type(By.id("username"), username);
        type(By.id("password"), password);
        click(By.id("login-submit"));
    }

    WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement present(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    boolean isAbsent(By by) {
        return driver.findElements(by).isEmpty();
    }

    /** The visible text of an element, read again if an htmx swap replaced the element meanwhile. */
    String text(By by) {
        return wait.until(d -> {
            try {
                var element = d.findElement(by);
                return element.isDisplayed() ? element.getText().strip() : null;
            } catch (StaleElementReferenceException replaced) {
                return null;
            }
        });
    }

    void type(By by, String text) {
        var input = visible(by);
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Sets a date input as its date picker does, firing {@code input} and {@code change}. Typing would depend on the
     * order of the field's parts, which follows Chromium's interface locale — here en-US (month/day/year), the only
     * locale pack Debian's package installs — not the Chinese order the console's users see.
     */
    void date(By by, LocalDate value) {
        var input = visible(by);
        driver.executeScript("const i = arguments[0]; i.value = arguments[1];"
                + " i.dispatchEvent(new Event('input', {bubbles: true})); i.dispatchEvent(new Event('change', {bubbles: true}));",
                input, value.toString());
        if (!value.toString().equals(input.getDomProperty("value"))) throw new IllegalStateException(by + " did not take " + value);
    }

    void select(By by, String value) {
        new Select(visible(by)).selectByValue(value);
    }

    /**
     * Clicks once the element can be clicked (found again if an htmx swap replaced it), and if the click leaves the
     * page, waits for the next one to load. What the next page must show is for the caller to wait for.
     */
    void click(By by) {
        wait.until(d -> {
            try {
                var element = d.findElement(by);
                if (!element.isDisplayed() || !element.isEnabled()) return false;
                element.click();
                return true;
            } catch (StaleElementReferenceException replaced) {
                return false;
            }
        });
        waitForPage();
    }

    /** Saves a picture of the whole page, as tall as it is, for a person to look at after the run. */
    void screenshot(Path file) {
        var window = driver.manage().window();
        var size = window.getSize();
        long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        try {
            window.setSize(new Dimension(size.getWidth(), (int) Math.max(size.getHeight(), Math.min(height, 10_000))));
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            window.setSize(size);
        }
    }

    /** Waits until {@code condition} holds, e.g. a text appears after an htmx swap. */
    <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    private void waitForPage() {
        wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary profile is harmless
        }
    }
}
