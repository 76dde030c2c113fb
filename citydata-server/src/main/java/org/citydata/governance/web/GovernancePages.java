package org.citydata.governance.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.citydata.datastore.CollectionRate;
import org.citydata.identity.Actor;
import org.citydata.identity.Department;
import org.citydata.identity.Departments;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * 数据汇聚: the collection rate (采集率) of the city as a gauge and of each department as bars and a table, lowest
 * first so the departments behind are read first. Aggregate numbers only, so every signed-in person may look.
 */
@PageController
class GovernancePages {

    private final CollectionRate collectionRate;
    private final Departments departments;
    private final Messages messages;
    private final JsonMapper json;

    GovernancePages(CollectionRate collectionRate, Departments departments, Messages messages, JsonMapper json) {
        this.collectionRate = collectionRate;
        this.departments = departments;
        this.messages = messages;
        this.json = json;
    }

    /** One department's line as the page shows it, the name in the reader's language. */
    record Row(String code, String name, long published, long collected, double percent) {}

    @GetMapping("/governance/collection")
    String collection(Actor actor, Model model) {
        var report = collectionRate.compute();
        var names = departments.all().stream().collect(Collectors.toMap(Department::code, d -> d.name(Messages.locale())));
        var rows = report.departments().stream()
                .map(r -> new Row(r.departmentCode(), names.getOrDefault(r.departmentCode(), r.departmentName()), r.published(),
                        r.collected(), r.percent()))
                .sorted(Comparator.comparingDouble(Row::percent).thenComparing(Row::code))
                .toList();
        model.addAttribute("city", report.city());
        model.addAttribute("rows", rows);
        model.addAttribute("gaugeChart", json.writeValueAsString(Map.of(
                "series", List.of(Map.of("type", "gauge", "min", 0, "max", 100, "splitNumber", 5,
                        "progress", Map.of("show", true, "width", 14, "itemStyle", Map.of("color", "#1d4f91")),
                        "axisLine", Map.of("lineStyle", Map.of("width", 14)),
                        "detail", Map.of("valueAnimation", true, "formatter", "{value}%", "fontSize", 28, "offsetCenter", List.of(0, "70%")),
                        "title", Map.of("offsetCenter", List.of(0, "95%")),
                        "data", List.of(Map.of("value", report.city().percent(), "name", messages.get("governance.cityRate"))))))));
        // ECharts draws the first category at the bottom: reversed, the lowest rate is the top bar, as in the table
        var bars = new java.util.ArrayList<>(rows);
        java.util.Collections.reverse(bars);
        model.addAttribute("departmentChartHeight", Math.max(360, 28 * rows.size() + 40)); // a bar's label needs ~28px
        model.addAttribute("departmentChart", json.writeValueAsString(Map.of(
                "tooltip", Map.of("trigger", "axis"),
                "grid", Map.of("left", 10, "right", 50, "top", 10, "bottom", 20, "containLabel", true),
                "xAxis", Map.of("type", "value", "min", 0, "max", 100, "axisLabel", Map.of("formatter", "{value}%")),
                // long (English) names are cut at the axis; the tooltip shows them whole
                "yAxis", Map.of("type", "category", "axisLabel", Map.of("width", 200, "overflow", "truncate"),
                        "data", bars.stream().map(Row::name).toList()),
                "series", List.of(Map.of("type", "bar", "name", messages.get("governance.rate"),
                        "itemStyle", Map.of("color", "#1d4f91"),
                        "label", Map.of("show", true, "position", "right", "formatter", "{c}%"),
                        "data", bars.stream().map(Row::percent).toList())))));
        return "governance/collection";
    }
}
