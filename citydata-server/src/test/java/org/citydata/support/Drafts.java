package org.citydata.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resource bodies for API tests: a valid draft to start from, changed one property at a time. */
public final class Drafts {

    private Drafts() {}

    public static Map<String, Object> valid(String name, String provider) {
        var d = new LinkedHashMap<String, Object>();
        d.put("name", name);
        d.put("providerCode", provider);
        d.put("summary", "全市" + name + "，按日更新，供各部门核验使用。");
        d.put("resourceType", "BASIC");
        d.put("theme", "POPULATION");
        d.put("format", "DATABASE");
        d.put("shareType", "CONDITIONAL");
        d.put("shareCondition", "依据《中华人民共和国个人信息保护法》，仅限履行法定职责使用。");
        d.put("shareMethods", List.of("API"));
        d.put("openType", "CLOSED");
        d.put("updateCycle", "DAILY");
        d.put("regionCode", "3205");
        d.put("tags", List.of("人口", "测试"));
        d.put("fields", new ArrayList<>(List.of(
                field("id_number", "公民身份号码", "STRING", 18, "L4", true),
                field("name", "姓名", "STRING", 50, "L3", false))));
        return d;
    }

    public static Map<String, Object> field(String name, String label, String type, Integer length, String sensitivity, boolean key) {
        var f = new LinkedHashMap<String, Object>();
        f.put("name", name);
        f.put("label", label);
        f.put("type", type);
        f.put("length", length);
        f.put("sensitivity", sensitivity);
        f.put("key", key);
        return f;
    }

    public static Map<String, Object> with(Map<String, Object> draft, String key, Object value) {
        var copy = new LinkedHashMap<>(draft);
        copy.put(key, value);
        return copy;
    }
}
