package org.citydata.browser;

import org.citydata.support.WebTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test that drives the console in a real browser. Each test class gets one browser, quit when the class is done;
 * each test starts signed out, in Chinese.
 */
abstract class BrowserTest extends WebTest {

    private static Browser browser;

    @BeforeEach
    void signedOut() {
        // checked per test, not once per class, so that a skip shows in the report with its reason
        if (browser == null) browser = Browser.start(baseUrl());
        browser.forgetSession();
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            try {
                browser.close();
            } finally {
                browser = null;
            }
        }
    }

    protected Browser browser() {
        return browser;
    }
}
