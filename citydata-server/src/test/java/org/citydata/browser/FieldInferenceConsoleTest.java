package org.citydata.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The new-resource form fills its field table from a sample file, and the filled form registers. */
class FieldInferenceConsoleTest extends BrowserTest {

    @Test
    void anOfficerInfersTheFieldsFromAGbkSampleReviewsThemAndSaves() throws Exception {
        var sample = Files.createTempFile("水位-", ".csv");
        Files.write(sample, """
                站点编号,站点名称,水位（米）,监测时间
                SW001,太湖瓜泾口,3.12,2024-05-01 08:00:00
                SW002,阳澄湖湘城,2.98,2024-05-01 08:00:00
                SW003,京杭运河枫桥,3.40,2024-05-01 08:05:00
                """.getBytes(Charset.forName("GBK")));
        try {
            var b = browser().signIn("ga_officer", DEMO_PASSWORD);
            b.open("/resources/new");
            b.present(By.id("infer-file")).sendKeys(sample.toString());
            b.until(d -> d.findElement(By.id("infer-status")).getText().contains("4 个信息项"));
            assertThat(b.text(By.id("infer-status"))).isEqualTo("已按 3 行样例推断出 4 个信息项，请核对名称、类型和长度。");

            var rows = b.all(By.cssSelector("#field-rows tr"));
            assertThat(rows).hasSize(4);
            String first = "#field-rows tr:nth-child(1) ";
            assertThat(b.visible(By.cssSelector(first + "input[data-name='name']")).getAttribute("value")).isEqualTo("col_1");
            assertThat(b.visible(By.cssSelector(first + "input[data-name='name']")).getAttribute("name")).isEqualTo("fields[0].name");
            assertThat(b.visible(By.cssSelector(first + "input[data-name='label']")).getAttribute("value")).isEqualTo("站点编号");
            assertThat(b.visible(By.cssSelector(first + "input[data-name='length']")).getAttribute("value")).isEqualTo("10");
            assertThat(b.visible(By.cssSelector(first + "input[data-name='key']")).isSelected()).isTrue();
            assertThat(type(b, 3)).isEqualTo("DECIMAL");
            assertThat(type(b, 4)).isEqualTo("TIMESTAMP");

            b.type(By.id("name"), "河道水位监测" + System.nanoTime() % 100_000);
            b.select(By.id("theme"), "ENVIRONMENT");
            b.type(By.id("summary"), "全市主要河湖监测站点的水位读数，每小时更新。");
            b.click(By.id("save-resource"));
            b.until(d -> !d.findElements(By.cssSelector("#resource-code, #violations, #problem")).isEmpty());
            assertThat(b.all(By.cssSelector("#violations, #problem"))).as("the form was refused").isEmpty();
            assertThat(b.all(By.cssSelector("#field-table tbody tr"))).hasSize(4);
        } finally {
            Files.deleteIfExists(sample);
        }
    }

    private static String type(Browser b, int row) {
        var select = new Select(b.visible(By.cssSelector("#field-rows tr:nth-child(" + row + ") select[data-name='type']")));
        return select.getFirstSelectedOption().getAttribute("value");
    }
}
