package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** The overview page in a real browser: ECharts draws the catalog's charts. */
class OverviewTest extends BrowserTest {

    @Test
    void theOverviewDrawsItsChartsWithECharts() {
        var b = browser().signIn("dsj_admin", DEMO_PASSWORD); // the console opens on the overview
        assertThat(Long.parseLong(b.text(By.id("stat-total")))).isPositive();
        for (String chart : new String[] {"chart-theme", "chart-share", "chart-provider"}) {
            var canvas = b.visible(By.cssSelector("#" + chart + " canvas"));
            assertThat(canvas.getSize().getWidth()).as(chart).isPositive();
            assertThat(canvas.getSize().getHeight()).as(chart).isPositive();
            Object points = ((JavascriptExecutor) b.driver()).executeScript(
                    "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series[0].data.length",
                    chart);
            assertThat((Long) points).as(chart + " data points").isPositive();
        }
    }
}
