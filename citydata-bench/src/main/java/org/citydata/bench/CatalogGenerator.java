package org.citydata.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.ResourceStatus;
import org.citydata.catalog.ResourceType;
import org.citydata.catalog.ShareType;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;
import org.citydata.kernel.id.ResourceCode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A synthetic catalog of a city: resource names and abstracts combined from the vocabularies a 苏州市 catalog uses
 * (departments, subjects, objects, districts, years), 3–8 fields each, loaded with {@code COPY} straight into
 * {@code catalog_resource} and {@code catalog_field}. The same seed gives the same catalog, so runs compare.
 *
 * <p>It bypasses the catalog service (one transaction and one version snapshot per resource is far too slow for
 * 100,000) but keeps every rule the service and the tables hold: codes are well-formed and unique per
 * classification and provider (and {@code catalog_code_sequence} is moved past them), 有条件/不予共享 state a basis,
 * 不予共享 is never open, open resources carry no L4 field, every resource has a key field.
 */
final class CatalogGenerator {

    /** The top-level departments of the demo city and the themes each one provides. */
    private static final Map<String, List<Theme>> DEPARTMENTS = new LinkedHashMap<>();

    static {
        DEPARTMENTS.put("3205GA", List.of(Theme.POPULATION, Theme.PUBLIC_SAFETY, Theme.TRANSPORT));
        DEPARTMENTS.put("3205RS", List.of(Theme.SOCIAL_SECURITY, Theme.POPULATION));
        DEPARTMENTS.put("3205SC", List.of(Theme.LEGAL_ENTITY, Theme.CREDIT));
        DEPARTMENTS.put("3205WJ", List.of(Theme.HEALTH, Theme.POPULATION));
        DEPARTMENTS.put("3205JT", List.of(Theme.TRANSPORT));
        DEPARTMENTS.put("3205HB", List.of(Theme.ENVIRONMENT));
        DEPARTMENTS.put("3205WL", List.of(Theme.TOURISM, Theme.ECONOMY));
        DEPARTMENTS.put("3205TJ", List.of(Theme.ECONOMY, Theme.POPULATION, Theme.LEGAL_ENTITY));
        DEPARTMENTS.put("3205JY", List.of(Theme.EDUCATION));
        DEPARTMENTS.put("3205ZR", List.of(Theme.GEOSPATIAL));
        DEPARTMENTS.put("3205DSJ", List.of(Theme.values()));
    }

    private static final Map<Theme, List<String>> SUBJECTS = new HashMap<>();

    static {
        SUBJECTS.put(Theme.POPULATION, List.of("人口", "户籍人口", "流动人口", "出生人口", "婚姻登记", "居住证"));
        SUBJECTS.put(Theme.LEGAL_ENTITY, List.of("企业", "个体工商户", "社会组织", "农民专业合作社", "外资企业"));
        SUBJECTS.put(Theme.CREDIT, List.of("信用", "企业信用", "失信被执行人", "行政处罚", "守信激励"));
        SUBJECTS.put(Theme.TRANSPORT, List.of("交通", "公交线路", "道路运输", "公共停车场", "轨道交通客流", "机动车"));
        SUBJECTS.put(Theme.HEALTH, List.of("医疗", "医疗机构", "执业医师", "疫苗接种", "传染病", "药品零售"));
        SUBJECTS.put(Theme.ENVIRONMENT, List.of("环境", "空气质量", "地表水水质", "污染源", "噪声", "危险废物"));
        SUBJECTS.put(Theme.EDUCATION, List.of("教育", "中小学校", "学生学籍", "幼儿园", "教师资格", "职业培训"));
        SUBJECTS.put(Theme.TOURISM, List.of("旅游", "A级景区", "旅行社", "星级饭店", "游客接待", "文化场馆"));
        SUBJECTS.put(Theme.ECONOMY, List.of("经济", "规模以上工业", "固定资产投资", "社会消费品零售", "税收", "外贸进出口"));
        SUBJECTS.put(Theme.SOCIAL_SECURITY, List.of("社会保险", "养老保险", "医疗保险", "就业", "失业保险", "最低生活保障"));
        SUBJECTS.put(Theme.GEOSPATIAL, List.of("不动产", "土地利用", "地名地址", "基础测绘", "国土空间规划", "建设用地"));
        SUBJECTS.put(Theme.PUBLIC_SAFETY, List.of("公共安全", "消防", "安全生产", "治安", "应急避难场所", "视频监控点位"));
    }

    private static final List<String> OBJECTS = List.of("登记信息", "许可信息", "监测数据", "统计汇总", "备案信息", "年报信息",
            "处罚信息", "基本信息", "变更记录", "核查结果", "名录", "评价结果", "补贴发放信息", "缴费记录", "检查记录", "资质信息",
            "分布信息", "注销信息");

    private static final String[][] DISTRICTS = {
            {"320505", "虎丘区"}, {"320506", "吴中区"}, {"320507", "相城区"}, {"320508", "姑苏区"}, {"320509", "吴江区"},
            {"320576", "苏州工业园区"}, {"320581", "常熟市"}, {"320582", "张家港市"}, {"320583", "昆山市"}, {"320585", "太仓市"}};

    /**
     * Search texts made of the words generated names are made of, shuffled: with {@code broad}, every subject, object and
     * district alone and every pair of a subject or a district with an object or a subject (about 2,300, most matching
     * dozens to thousands of resources); otherwise every district, subject and object together (about 13,000, matching few).
     */
    static List<String> searchTexts(boolean broad, long seed) {
        var subjects = SUBJECTS.values().stream().flatMap(List::stream).distinct().toList();
        var districts = java.util.Arrays.stream(DISTRICTS).map(d -> d[1]).toList();
        var texts = new ArrayList<String>();
        if (broad) {
            texts.addAll(subjects);
            texts.addAll(OBJECTS);
            texts.addAll(districts);
            for (String s : subjects) for (String o : OBJECTS) texts.add(s + " " + o);
            for (String d : districts) for (String s : subjects) texts.add(d + " " + s);
        } else {
            for (String d : districts) for (String s : subjects) for (String o : OBJECTS) texts.add(d + " " + s + " " + o);
        }
        java.util.Collections.shuffle(texts, new Random(seed));
        return texts;
    }

    private static final List<String> PURPOSES = List.of("支撑“一网通办”业务办理和材料免提交", "服务营商环境评价和企业精准服务",
            "用于行业监管、风险预警和执法检查", "为城市运行监测和领导决策提供依据", "支撑跨部门业务协同和基层减负",
            "服务统计分析、规划编制和绩效评估", "支撑公共服务资源配置和民生保障", "用于应急管理和突发事件处置");

    private static final List<String> SOURCES = List.of("业务审批系统", "行业监管平台", "统计直报系统", "物联感知设备",
            "政务服务网", "基层网格采集", "部门业务数据库");

    private static final Map<UpdateCycle, String> CYCLES = Map.of(UpdateCycle.REAL_TIME, "实时", UpdateCycle.DAILY, "每日",
            UpdateCycle.WEEKLY, "每周", UpdateCycle.MONTHLY, "每月", UpdateCycle.QUARTERLY, "每季度", UpdateCycle.YEARLY,
            "每年", UpdateCycle.IRREGULAR, "不定期");

    /** name, label, type, length, sensitivity, description: the pool fields are drawn from. */
    private record FieldTemplate(String name, String label, String type, Integer length, String sensitivity, String description) {}

    private static final List<FieldTemplate> KEYS = List.of(
            new FieldTemplate("record_id", "记录编号", "STRING", 32, "L1", "源系统中记录的唯一编号"),
            new FieldTemplate("credit_code", "统一社会信用代码", "STRING", 18, "L1", "18位统一社会信用代码，符合GB 32100"),
            new FieldTemplate("id_number", "公民身份号码", "STRING", 18, "L4", "18位公民身份号码，符合GB 11643"));

    private static final List<FieldTemplate> FIELDS = List.of(
            new FieldTemplate("person_name", "姓名", "STRING", 50, "L3", "姓名，与身份证件一致"),
            new FieldTemplate("org_name", "单位名称", "STRING", 200, "L1", "登记的单位全称"),
            new FieldTemplate("address", "地址", "STRING", 200, "L2", "详细地址"),
            new FieldTemplate("region_code", "行政区划代码", "STRING", 6, "L1", "六位行政区划代码，采用GB/T 2260"),
            new FieldTemplate("register_date", "登记日期", "DATE", null, "L1", "办理登记的日期"),
            new FieldTemplate("status_code", "状态代码", "STRING", 2, "L1", "业务状态代码"),
            new FieldTemplate("amount", "金额", "DECIMAL", null, "L2", "金额，单位元"),
            new FieldTemplate("quantity", "数量", "INTEGER", null, "L1", "统计数量"),
            new FieldTemplate("longitude", "经度", "DECIMAL", null, "L1", "WGS84经度"),
            new FieldTemplate("latitude", "纬度", "DECIMAL", null, "L1", "WGS84纬度"),
            new FieldTemplate("phone", "联系电话", "STRING", 20, "L3", "联系人电话"),
            new FieldTemplate("license_no", "许可证编号", "STRING", 40, "L1", "行政许可证书编号"),
            new FieldTemplate("valid_until", "有效期至", "DATE", null, "L1", "证照有效期截止日期"),
            new FieldTemplate("monitor_value", "监测值", "DECIMAL", null, "L1", "监测指标数值"),
            new FieldTemplate("is_valid", "是否有效", "BOOLEAN", null, "L1", "记录当前是否有效"),
            new FieldTemplate("update_time", "数据更新时间", "TIMESTAMP", null, "L1", "记录在源系统中的最后更新时间"));

    private CatalogGenerator() {}

    /** What was loaded: resources and fields written, and the milliseconds the load took. */
    record Loaded(int resources, int fields, long millis) {}

    /** Generates {@code count} resources with {@code seed} and loads them over {@code connection} in one transaction. */
    static Loaded load(Connection connection, int count, long seed) throws SQLException {
        long start = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            var departments = new LinkedHashMap<String, Long>();
            var departmentNames = new HashMap<String, String>();
            try (var st = connection.createStatement();
                 var rs = st.executeQuery("select id, code, name_zh from identity_department")) {
                while (rs.next()) {
                    if (DEPARTMENTS.containsKey(rs.getString(2))) {
                        departments.put(rs.getString(2), rs.getLong(1));
                        departmentNames.put(rs.getString(2), rs.getString(3));
                    }
                }
            }
            if (departments.size() != DEPARTMENTS.size())
                throw new IllegalStateException("the demo city's departments are missing (citydata.demo.enabled=true?): " + departments.keySet());
            var sequences = new HashMap<String, Integer>();
            try (var st = connection.createStatement();
                 var rs = st.executeQuery("select prefix, last_value from catalog_code_sequence")) {
                while (rs.next()) sequences.put(rs.getString(1), rs.getInt(2));
            }

            try (var st = connection.createStatement()) {
                st.execute("""
                        create temporary table bench_field (code varchar(40), position int, name varchar(63), label varchar(50),
                            type varchar(20), length int, description varchar(500), sensitivity varchar(2), is_key boolean)
                        on commit drop""");
            }
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            CopyIn resources = copy.copyIn("""
                    copy catalog_resource (code, name, provider_id, summary, resource_type, theme, format, share_type,
                        share_condition, share_methods, open_type, open_condition, update_cycle, release_date, region_code,
                        tags, status, version, created_at, updated_at) from stdin""");
            var resourceRows = new StringBuilder(1 << 20);
            var fieldRows = new StringBuilder(1 << 21);
            var random = new Random(seed);
            var codes = List.copyOf(DEPARTMENTS.keySet());
            var now = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8));
            int fields = 0;
            for (int i = 0; i < count; i++) {
                String provider = codes.get(i % codes.size());
                Theme theme = pick(random, DEPARTMENTS.get(provider));
                ResourceType type = random.nextInt(10) < 2 ? ResourceType.BASIC
                        : random.nextInt(10) < 3 ? ResourceType.THEMATIC : ResourceType.DEPARTMENTAL;
                String prefix = type.digit + theme.code + "-" + provider;
                int sequence = sequences.merge(prefix, 1, Integer::sum);
                String code = new ResourceCode(type.digit + theme.code, provider, sequence).toString();

                String subject = pick(random, SUBJECTS.get(theme));
                String object = pick(random, OBJECTS);
                String[] district = random.nextInt(10) < 6 ? DISTRICTS[random.nextInt(DISTRICTS.length)] : null;
                int year = 2018 + random.nextInt(8);
                String place = district == null ? "" : district[1];
                String name = place + subject + object + (random.nextInt(3) == 0 ? "（" + year + "年）" : "");
                UpdateCycle cycle = pick(random, List.of(UpdateCycle.values()));
                String summary = "%s汇集%s%s%s，数据来源于%s，%s更新，覆盖%d年以来的记录。%s。".formatted(
                        departmentNames.get(provider), district == null ? "全市" : district[1], subject, object,
                        pick(random, SOURCES), CYCLES.get(cycle), year, pick(random, PURPOSES));

                int roll = random.nextInt(100);
                ShareType share = roll < 50 ? ShareType.UNCONDITIONAL : roll < 85 ? ShareType.CONDITIONAL : ShareType.NONE;
                String shareCondition = switch (share) {
                    case UNCONDITIONAL -> null;
                    case CONDITIONAL -> "仅限政府部门在履行法定职责范围内使用，须经" + departmentNames.get(provider) + "审核同意";
                    case NONE -> "涉及国家秘密、商业秘密或个人隐私，依法不予共享";
                };
                String methods = share == ShareType.NONE ? "{}" : pick(random, List.of("{API}", "{FILE}", "{API,BULK_SYNC}", "{API,FILE}"));
                var keyField = KEYS.get(theme == Theme.POPULATION || theme == Theme.SOCIAL_SECURITY ? 2
                        : theme == Theme.LEGAL_ENTITY || theme == Theme.CREDIT ? 1 : random.nextInt(2));
                OpenType open = share == ShareType.NONE || keyField.sensitivity().equals("L4") ? OpenType.CLOSED
                        : pick(random, List.of(OpenType.OPEN, OpenType.OPEN, OpenType.CONDITIONAL, OpenType.CLOSED));
                String openCondition = open == OpenType.CONDITIONAL ? "申请人须实名注册并签署数据使用协议" : null;
                roll = random.nextInt(100);
                ResourceStatus status = roll < 80 ? ResourceStatus.PUBLISHED : roll < 92 ? ResourceStatus.DRAFT : ResourceStatus.RETIRED;
                var created = now.minusMinutes(random.nextInt(3 * 365 * 24 * 60));
                var updated = created.plusMinutes(random.nextInt(60 * 24 * 90));
                LocalDate release = status == ResourceStatus.DRAFT ? null : updated.toLocalDate();
                String tags = "{" + String.join(",", district == null ? List.of(subject, object) : List.of(subject, object, district[1])) + "}";

                row(resourceRows, code, name, Long.toString(departments.get(provider)), summary, type.name(), theme.name(),
                        pick(random, List.of(DataFormat.values())).name(), share.name(), shareCondition, methods, open.name(),
                        openCondition, cycle.name(), release == null ? null : release.toString(),
                        district == null ? "3205" : district[0], tags, status.name(),
                        status == ResourceStatus.DRAFT ? "1" : "2", created.toString(), updated.toString());

                int n = 3 + random.nextInt(6);
                row(fieldRows, code, "0", keyField.name(), keyField.label(), keyField.type(), str(keyField.length()),
                        keyField.description(), keyField.sensitivity(), "t");
                int first = random.nextInt(FIELDS.size());
                for (int p = 1; p < n; p++) {
                    var f = FIELDS.get((first + p * 5) % FIELDS.size()); // 5 and 16 are coprime: n distinct fields
                    row(fieldRows, code, Integer.toString(p), f.name(), f.label(), f.type(), str(f.length()),
                            f.description(), f.sensitivity(), "f");
                }
                fields += n;
                if (resourceRows.length() > (1 << 20)) flush(resources, resourceRows);
            }
            flush(resources, resourceRows);
            resources.endCopy();

            CopyIn fieldCopy = copy.copyIn("copy bench_field from stdin");
            flush(fieldCopy, fieldRows);
            fieldCopy.endCopy();
            try (var st = connection.createStatement()) {
                st.executeUpdate("""
                        insert into catalog_field (resource_id, position, name, label, type, length, description, sensitivity, is_key)
                        select r.id, f.position, f.name, f.label, f.type, f.length, f.description, f.sensitivity, f.is_key
                        from bench_field f join catalog_resource r on r.code = f.code""");
            }
            try (var ps = connection.prepareStatement("""
                    insert into catalog_code_sequence (prefix, last_value) values (?, ?)
                    on conflict (prefix) do update set last_value = excluded.last_value""")) {
                for (var e : sequences.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setInt(2, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            connection.commit();
            try (var st = connection.createStatement()) {
                connection.setAutoCommit(true);
                st.execute("analyze catalog_resource");
                st.execute("analyze catalog_field");
            }
            return new Loaded(count, fields, (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static String str(Integer i) {
        return i == null ? null : i.toString();
    }

    /** One line of COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    private static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) out.append('\t');
            String v = values[i];
            if (v == null) {
                out.append("\\N");
                continue;
            }
            for (int c = 0; c < v.length(); c++) {
                char ch = v.charAt(c);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }

    private static void flush(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }
}
