package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** 数据汇聚 in a real browser: reached from the nav, ECharts draws the city gauge and one bar per department. */
class CollectionConsoleTest extends BrowserTest {

    @Test
    void theCollectionPageDrawsTheCityGaugeAndTheDepartmentBars() {
        var b = browser().signIn("jt_staff", DEMO_PASSWORD);
        b.click(By.id("nav-collection"));
        assertThat(b.text(By.id("city-rate"))).endsWith("%");
        for (String chart : new String[] {"chart-collection-city", "chart-collection-departments"}) {
            var canvas = b.visible(By.cssSelector("#" + chart + " canvas"));
            assertThat(canvas.getSize().getWidth()).as(chart).isPositive();
            assertThat(canvas.getSize().getHeight()).as(chart).isPositive();
        }
        Object bars = ((JavascriptExecutor) b.driver()).executeScript(
                "return echarts.getInstanceByDom(document.getElementById('chart-collection-departments')).getOption().series[0].data.length");
        int rows = b.all(By.cssSelector("#collection-table tbody tr")).size();
        assertThat(rows).isPositive();
        assertThat((Long) bars).isEqualTo(rows);
    }
}
