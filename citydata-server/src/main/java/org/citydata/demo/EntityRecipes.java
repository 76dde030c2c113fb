package org.citydata.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.citydata.demo.Companies.Company;
import org.citydata.demo.Companies.Kind;
import org.citydata.demo.DemoRows.Recipe;
import org.citydata.demo.SuzhouPlaces.District;
import org.citydata.demo.SuzhouPlaces.Place;

/** Recipes for the resources about organisations and places: companies, licences, hospitals, schools, venues. */
final class EntityRecipes {

    /** 市场主体登记信息 lists the city's first companies; fines and the abnormal-operation list name only these. */
    static final int REGISTERED = 480;

    private EntityRecipes() {}

    static Map<String, Recipe> all() {
        return Map.ofEntries(
                Map.entry("市场主体登记信息", EntityRecipes::marketEntities),
                Map.entry("行政处罚信息", EntityRecipes::penalties),
                Map.entry("食品经营许可信息", EntityRecipes::foodLicences),
                Map.entry("企业经营异常名录", EntityRecipes::abnormalOperations),
                Map.entry("人力资源服务机构名录", EntityRecipes::hrAgencies),
                Map.entry("道路运输经营许可信息", EntityRecipes::roadTransport),
                Map.entry("医疗机构执业信息", EntityRecipes::medicalInstitutions),
                Map.entry("中小学校名录", EntityRecipes::schoolDirectory),
                Map.entry("A级旅游景区信息", EntityRecipes::scenicSpots),
                Map.entry("星级饭店信息", EntityRecipes::hotels),
                Map.entry("文化场馆信息", EntityRecipes::venues),
                Map.entry("电子证照目录", EntityRecipes::licenceTypes));
    }

    // ------------------------------------------------------------------ 市场监管

    static List<Map<String, String>> marketEntities(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        for (int i = 0; i < REGISTERED; i++) {
            var c = d.companies.company(i);
            var row = d.row();
            row.put("credit_code", c.creditCode());
            row.put("entity_name", c.name());
            row.put("entity_type_code", c.entityType());
            row.put("legal_representative", c.legalRepresentative());
            row.put("registered_capital", c.capital());
            row.put("establishment_date", c.established().toString());
            row.put("residence_address", c.seat().address());
            row.put("business_scope", c.kind().scope + "（依法须经批准的项目，经相关部门批准后方可开展经营活动）");
            row.put("registration_authority", authority(c.seat().district()));
            row.put("registration_status", d.weighted(new String[]{"存续", "在业", "注销", "吊销", "迁出"}, 70, 14, 10, 4, 2));
            rows.add(row);
        }
        return rows;
    }

    /** A violation: what, the article it is punished under, the decision, a fine range in 万元, and who commits it (any when empty). */
    private record Violation(String type, String basis, String content, double minFine, double maxFine, Kind... kinds) {

        boolean fits(Kind kind) {
            return kinds.length == 0 || List.of(kinds).contains(kind);
        }
    }

    private static final Violation[] VIOLATIONS = {
            new Violation("发布虚假广告", "《中华人民共和国广告法》第五十五条第一款", "责令停止发布广告，在相应范围内消除影响，罚款", 2, 30),
            new Violation("经营不符合食品安全标准的食品", "《中华人民共和国食品安全法》第一百二十四条第一款", "没收违法所得和违法经营的食品，罚款", 0.5, 10,
                    Kind.RESTAURANT, Kind.RETAIL, Kind.HOTEL),
            new Violation("不按规定明码标价", "《中华人民共和国价格法》第四十二条", "警告，罚款", 0.05, 0.5, Kind.RESTAURANT, Kind.RETAIL, Kind.HOTEL,
                    Kind.LOGISTICS, Kind.HR_SERVICE),
            new Violation("虚假或者引人误解的商业宣传", "《中华人民共和国反不正当竞争法》第二十条第一款", "责令停止违法行为，罚款", 10, 50),
            new Violation("销售以次充好的产品", "《中华人民共和国产品质量法》第五十条", "责令停止销售，没收违法销售的产品，罚款", 0.3, 5,
                    Kind.MACHINERY, Kind.ELECTRONICS, Kind.TEXTILE, Kind.CHEMICAL, Kind.TRADE, Kind.RETAIL),
            new Violation("未依法办理变更登记", "《中华人民共和国市场主体登记管理条例》第四十六条", "责令改正，罚款", 1, 3)};
    private static final int[] VIOLATION_WEIGHTS = {14, 24, 22, 8, 18, 14};

    // the abbreviations in decision numbers, e.g. 苏园市监案字〔2025〕第0123号
    private static final Map<String, String> CASE_PREFIX = Map.of("320505", "苏虎", "320506", "苏吴中", "320507", "苏相",
            "320508", "苏姑", "320509", "苏吴江", "320576", "苏园", "320581", "常", "320582", "张", "320583", "昆", "320585", "太");

    static List<Map<String, String>> penalties(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        for (int i = 0; i < 80; i++) {
            var c = d.companies.company(d.random.nextInt(REGISTERED));
            var v = d.weighted(VIOLATIONS, VIOLATION_WEIGHTS);
            while (!v.fits(c.kind())) v = d.weighted(VIOLATIONS, VIOLATION_WEIGHTS); // a factory is not fined for its menu
            var decided = d.date(LocalDate.of(2023, 1, 1), d.asOf.minusDays(2));
            double fine = Math.round((v.minFine() + d.random.nextDouble() * (v.maxFine() - v.minFine())) * 100) / 100.0;
            var row = d.row();
            row.put("decision_no", CASE_PREFIX.get(c.seat().district().code()) + "市监案字〔" + decided.getYear() + "〕第"
                    + Draw.format("%04d", d.between(1, 1800)) + "号");
            row.put("credit_code", c.creditCode());
            row.put("party_name", c.name());
            row.put("violation_type", v.type());
            row.put("penalty_basis", v.basis());
            row.put("penalty_content", v.content() + "人民币" + Math.round(fine * 10000) + "元");
            row.put("fine_amount", Draw.decimal(fine, 2));
            row.put("decision_date", decided.toString());
            row.put("authority_name", authority(c.seat().district()));
            rows.add(row);
        }
        return rows;
    }

    static List<Map<String, String>> foodLicences(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        var operators = new ArrayList<>(d.companies(135, Kind.RESTAURANT, Kind.RETAIL, Kind.HOTEL));
        var canteens = d.companies(15, Kind.MACHINERY, Kind.ELECTRONICS, Kind.SOFTWARE);
        operators.addAll(canteens);
        for (var c : operators) {
            boolean canteen = canteens.contains(c);
            // the digit after JY is the 主体业态: 1 食品销售经营者, 2 餐饮服务经营者, 3 单位食堂
            int form = canteen ? 3 : c.kind() == Kind.RETAIL ? 1 : 2;
            var from = d.yearsAgo(0, 5);
            var row = d.row();
            row.put("license_no", "JY" + form + c.seat().district().code() + d.digits(6) + d.digits(1));
            row.put("credit_code", c.creditCode());
            row.put("operator_name", c.name());
            row.put("business_address", c.seat().address());
            row.put("main_business", switch (form) {
                case 1 -> "食品销售经营者";
                case 2 -> "餐饮服务经营者";
                default -> "单位食堂";
            });
            row.put("business_items", switch (form) {
                case 1 -> d.one("预包装食品（含冷藏冷冻食品）销售", "预包装食品（含冷藏冷冻食品）销售；散装食品（含冷藏冷冻食品）销售",
                        "预包装食品（不含冷藏冷冻食品）销售；保健食品销售");
                case 2 -> d.one("热食类食品制售", "热食类食品制售；冷食类食品制售", "热食类食品制售；糕点类食品（含裱花蛋糕）制售；自制饮品制售");
                default -> "热食类食品制售";
            });
            row.put("valid_from", from.toString());
            row.put("valid_to", from.plusYears(5).minusDays(1).toString());
            row.put("issuing_authority", authority(c.seat().district()));
            rows.add(row);
        }
        return rows;
    }

    private static final String[] ABNORMAL = {"未依照《企业信息公示暂行条例》第八条规定的期限公示年度报告", "通过登记的住所或者经营场所无法联系",
            "未在市场监督管理部门依照《企业信息公示暂行条例》第十条规定责令的期限内公示有关企业信息", "公示企业信息隐瞒真实情况、弄虚作假"};

    static List<Map<String, String>> abnormalOperations(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        for (int i = 0; i < 100; i++) {
            var c = d.companies.company(d.random.nextInt(REGISTERED));
            var listed = d.yearsAgo(0.1, 5);
            boolean removed = listed.plusDays(30).isBefore(d.asOf) && d.chance(0.4);
            var row = d.row();
            row.put("credit_code", c.creditCode());
            row.put("entity_name", c.name());
            row.put("listed_date", listed.toString());
            row.put("listed_reason", d.weighted(ABNORMAL, 60, 30, 6, 4));
            row.put("listing_authority", authority(c.seat().district()));
            row.put("removed", Boolean.toString(removed));
            row.put("removed_date", removed ? d.date(listed.plusDays(30), d.asOf).toString() : "");
            rows.add(row);
        }
        return rows;
    }

    // ------------------------------------------------------------------ 人社, 交通

    private static final String[] HR_SERVICES = {"职业介绍", "人才寻访", "劳务派遣", "人力资源外包", "人力资源培训", "人力资源管理咨询", "网络招聘"};

    static List<Map<String, String>> hrAgencies(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        for (var c : d.companies(60, Kind.HR_SERVICE)) {
            var issued = d.date(max(c.established(), LocalDate.of(2016, 1, 1)), d.asOf.minusDays(10));
            var services = new ArrayList<String>();
            for (String s : HR_SERVICES) if (services.isEmpty() || d.chance(0.4)) services.add(s);
            var row = d.row();
            row.put("license_no", "（苏）人服证字〔" + issued.getYear() + "〕第" + c.seat().district().code().substring(2) + d.digits(3) + "号");
            row.put("agency_name", c.name());
            row.put("credit_code", c.creditCode());
            row.put("service_scope", String.join("、", services));
            row.put("business_address", c.seat().address());
            row.put("district_code", c.seat().district().code());
            row.put("license_issue_date", issued.toString());
            rows.add(row);
        }
        return rows;
    }

    static List<Map<String, String>> roadTransport(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        for (var c : d.companies(100, Kind.LOGISTICS)) {
            var from = d.date(max(c.established(), d.asOf.minusYears(8)), d.asOf.minusDays(10));
            var to = from.plusYears(4).minusDays(1);
            var row = d.row();
            row.put("license_no", "苏交运管许可苏字" + c.seat().district().code() + d.digits(6) + "号");
            row.put("credit_code", c.creditCode());
            row.put("operator_name", c.name());
            row.put("business_scope", d.weighted(new String[]{"道路普通货物运输", "道路普通货物运输；货物专用运输（集装箱）",
                    "道路普通货物运输；货物专用运输（冷藏保鲜）", "道路普通货物运输；大型物件运输", "道路危险货物运输（第3类）"}, 50, 20, 12, 10, 8));
            row.put("business_address", c.seat().address());
            row.put("valid_from", from.toString());
            row.put("valid_to", to.toString());
            row.put("license_status", to.isBefore(d.asOf) ? d.weighted(new String[]{"过期", "注销"}, 70, 30)
                    : d.weighted(new String[]{"有效", "注销", "吊销"}, 95, 3, 2));
            rows.add(row);
        }
        return rows;
    }

    // ------------------------------------------------------------------ 卫健

    /** A medical institution of the city, shared by 医疗机构执业信息 and the birthplaces of 出生医学证明信息. */
    record Hospital(String name, String category, String grade, Place place, String creditCode, int beds, String subjects) {}

    private static final String GENERAL = "预防保健科；内科；外科；妇产科；儿科；眼科；耳鼻咽喉科；口腔科；皮肤科；急诊医学科；康复医学科；麻醉科；医学检验科；医学影像科；中医科";
    private static final String CHINESE = "内科；外科；妇产科；儿科；急诊医学科；康复医学科；医学检验科；医学影像科；中医科；中西医结合科";
    private static final String MATERNAL = "预防保健科；妇产科；妇女保健科；儿童保健科；儿科；医学检验科；医学影像科";
    private static final String PRIMARY = "预防保健科；全科医疗科；中医科；口腔科；康复医学科；医学检验科；医学影像科";

    /** The same list wherever it is asked for: it draws from its own generator. */
    static List<Hospital> hospitals(Draw d) {
        var random = d.randomFor("hospitals");
        var list = new ArrayList<Hospital>();
        for (var district : d.places.districts()) {
            boolean city = district.name().endsWith("市");
            String prefix = district.prefix();
            if (district.code().equals("320508")) {
                list.add(hospital(random, d, "苏州市立医院", "综合医院", "三级甲等", district, 1800, GENERAL));
                list.add(hospital(random, d, "苏州市中医医院", "中医医院", "三级甲等", district, 1200, CHINESE));
            }
            list.add(hospital(random, d, prefix + (city ? "第一人民医院" : "人民医院"), "综合医院", city ? "三级甲等" : "二级甲等", district,
                    city ? 1400 : 600, GENERAL));
            if (city) list.add(hospital(random, d, prefix + "第二人民医院", "综合医院", "二级甲等", district, 650, GENERAL));
            list.add(hospital(random, d, prefix + "中医医院", "中医医院", city ? "三级乙等" : "二级甲等", district, city ? 700 : 300, CHINESE));
            list.add(hospital(random, d, prefix + "妇幼保健院", "妇幼保健院", "二级甲等", district, 220, MATERNAL));
            // a primary care centre for some of the district's streets and towns
            for (String street : district.streets()) {
                if (!Pick.chance(random, 0.3)) continue;
                boolean town = street.endsWith("镇");
                list.add(hospital(random, d, prefix + street + (town ? "卫生院" : "社区卫生服务中心"), town ? "乡镇卫生院" : "社区卫生服务中心",
                        "", SuzhouPlaces.place(random, district, street), Pick.chance(random, 0.4) ? 0 : 40, PRIMARY));
            }
            for (int i = 0; i < 3; i++) {
                boolean dental = Pick.chance(random, 0.5);
                String doctor = People.name(random, Pick.chance(random, 0.6), false);
                list.add(hospital(random, d, dental ? prefix + doctor.substring(0, 1) + "氏口腔门诊部" : prefix + doctor + "诊所",
                        dental ? "门诊部" : "诊所", "", district, 0, dental ? "口腔科；医学影像科" : Pick.one(random, "内科", "中医科", "全科医疗科")));
            }
        }
        return list;
    }

    private static Hospital hospital(RandomGenerator random, Draw d, String name, String category, String grade, District district,
                                     int beds, String subjects) {
        return hospital(random, d, name, category, grade, d.places.place(random, district), beds, subjects);
    }

    private static Hospital hospital(RandomGenerator random, Draw d, String name, String category, String grade, Place place,
                                     int beds, String subjects) {
        var district = place.district();
        boolean publicInstitution = !category.equals("诊所") && !category.equals("门诊部");
        var established = d.asOf.minusYears(Pick.between(random, 3, 60));
        String credit = Companies.creditCode(random, publicInstitution ? "12" : "52", district.code(), established);
        int scaled = beds == 0 ? 0 : (int) Math.round(beds * (0.8 + random.nextDouble() * 0.4));
        return new Hospital(name, category, grade, place, credit, scaled, subjects);
    }

    static List<Map<String, String>> medicalInstitutions(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        for (var h : hospitals(d)) {
            var row = d.row();
            // 登记号: the organisation code, the district, the category, a serial
            row.put("license_reg_no", h.creditCode().substring(8, 17) + h.place().district().code() + Draw.format("%02d", category(h))
                    + "A" + d.digits(4));
            row.put("institution_name", h.name());
            row.put("credit_code", h.creditCode());
            row.put("institution_category", h.category());
            row.put("hospital_grade", h.grade());
            row.put("address", h.place().address());
            row.put("district_code", h.place().district().code());
            row.put("bed_count", Integer.toString(h.beds()));
            row.put("diagnosis_subjects", h.subjects());
            row.put("valid_to", d.date(d.asOf.minusDays(60), d.asOf.plusYears(15)).toString());
            rows.add(row);
        }
        return rows;
    }

    private static int category(Hospital h) {
        return switch (h.category()) {
            case "综合医院" -> 11;
            case "中医医院" -> 21;
            case "妇幼保健院" -> 41;
            case "社区卫生服务中心" -> 51;
            case "乡镇卫生院" -> 52;
            case "门诊部" -> 71;
            default -> 81;
        };
    }

    // ------------------------------------------------------------------ 教育

    /** A school of the city, shared by 中小学校名录 and the pupils of 中小学生学籍信息. */
    record School(String code, String name, String type, boolean publicSchool, Place place, String creditCode, int students,
                  int classes) {

        /** Grades 0–11 (一年级 … 高三) that the school teaches. */
        boolean teaches(int grade) {
            return switch (type) {
                case "小学" -> grade < 6;
                case "初级中学" -> grade >= 6 && grade < 9;
                case "九年一贯制学校" -> grade < 9;
                case "完全中学" -> grade >= 6;
                default -> grade >= 9; // 高级中学
            };
        }
    }

    /** The same list wherever it is asked for: it draws from its own generator. */
    static List<School> schools(Draw d) {
        var random = d.randomFor("schools");
        var list = new ArrayList<School>();
        var names = new HashSet<String>();
        int serial = 0;
        for (var district : d.places.districts()) {
            String prefix = district.code().equals("320576") ? "苏州工业园区" : district.prefix();
            for (int i = 0; i < 12; i++) {
                String street = Pick.one(random, district.streets());
                String place = street.replaceAll("(街道|镇|乡)$", "");
                String type = Pick.weighted(random, new String[]{"小学", "初级中学", "九年一贯制学校", "完全中学", "高级中学"}, new int[]{55, 20, 10, 5, 10});
                String name = prefix + place + switch (type) {
                    case "小学" -> Pick.one(random, "实验小学", "中心小学", "小学");
                    case "初级中学" -> Pick.one(random, "中学", "实验初级中学", "初级中学");
                    case "九年一贯制学校" -> Pick.one(random, "实验学校", "学校");
                    case "完全中学" -> "第一中学";
                    default -> "高级中学";
                };
                if (!names.add(name)) continue;
                boolean publicSchool = Pick.chance(random, 0.9);
                int classes = switch (type) {
                    case "小学", "九年一贯制学校" -> Pick.between(random, 18, 54);
                    default -> Pick.between(random, 12, 42);
                };
                var established = d.asOf.minusYears(Pick.between(random, 5, 100));
                list.add(new School("2132" + district.code().substring(4) + Draw.format("%04d", ++serial), name, type, publicSchool,
                        SuzhouPlaces.place(random, district, street), Companies.creditCode(random, publicSchool ? "12" : "52", district.code(), established),
                        classes * Pick.between(random, 40, 46), classes));
            }
        }
        return list;
    }

    static List<Map<String, String>> schoolDirectory(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        for (var s : schools(d)) {
            var row = d.row();
            row.put("school_code", s.code());
            row.put("school_name", s.name());
            row.put("school_type", s.type());
            row.put("school_nature", s.publicSchool() ? "公办" : "民办");
            row.put("district_code", s.place().district().code());
            row.put("address", s.place().address());
            row.put("credit_code", s.creditCode());
            row.put("student_count", Integer.toString(s.students()));
            row.put("class_count", Integer.toString(s.classes()));
            rows.add(row);
        }
        return rows;
    }

    // ------------------------------------------------------------------ 文广旅

    /** Well-known sights by district, with a grade for the demo (the demo's grades and figures are not official). */
    private static final String[][] SIGHTS = {
            {"320508", "苏州园林（拙政园、虎丘、留园）", "5A"}, {"320583", "周庄古镇", "5A"}, {"320509", "同里古镇", "5A"},
            {"320576", "金鸡湖景区", "5A"}, {"320506", "吴中太湖旅游区", "5A"}, {"320581", "沙家浜·虞山尚湖旅游区", "5A"},
            {"320508", "寒山寺", "4A"}, {"320508", "盘门景区", "4A"}, {"320508", "七里山塘景区", "4A"}, {"320508", "平江历史文化街区", "4A"},
            {"320506", "木渎古镇", "4A"}, {"320506", "甪直古镇", "4A"}, {"320506", "穹窿山景区", "4A"}, {"320506", "东山景区", "4A"},
            {"320506", "西山景区", "4A"}, {"320506", "旺山景区", "4A"}, {"320506", "天平山景区", "4A"}, {"320505", "苏州乐园", "4A"},
            {"320505", "大阳山国家森林公园", "4A"}, {"320505", "苏州太湖国家湿地公园", "4A"}, {"320507", "荷塘月色湿地公园", "4A"},
            {"320509", "震泽古镇", "4A"}, {"320509", "黎里古镇", "4A"}, {"320509", "静思园", "4A"}, {"320576", "阳澄湖半岛旅游度假区", "4A"},
            {"320581", "蒋巷村", "4A"}, {"320582", "香山景区", "4A"}, {"320582", "暨阳湖生态园区", "4A"}, {"320582", "永联小镇", "4A"},
            {"320583", "锦溪古镇", "4A"}, {"320583", "千灯古镇", "4A"}, {"320583", "亭林园", "4A"}, {"320585", "沙溪古镇", "4A"},
            {"320585", "太仓现代农业园", "4A"}, {"320585", "金仓湖公园", "4A"}};

    static List<Map<String, String>> scenicSpots(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        var sights = new ArrayList<String[]>(List.of(SIGHTS));
        // rural sights of the towns make up the 3A and 2A ranks
        for (var district : d.places.districts())
            for (String street : district.streets())
                if (street.endsWith("镇") && d.chance(0.35))
                    sights.add(new String[]{district.code(), street.substring(0, street.length() - 1) + "乡村旅游区", d.weighted(new String[]{"3A", "2A"}, 70, 30)});
        int serial = 0;
        for (var s : sights) {
            var district = d.places.district(s[0]);
            var place = placeNamed(d, district, s[1]);
            String[] point = SuzhouPlaces.point(d.random, district, 0.05);
            boolean free = s[1].contains("街区") || s[1].contains("公园") || s[1].contains("乡村") || s[1].contains("湿地");
            var row = d.row();
            row.put("scenic_code", district.code() + "A" + Draw.format("%03d", ++serial));
            row.put("scenic_name", s[1]);
            row.put("grade", s[2]);
            row.put("district_code", district.code());
            row.put("address", place.address());
            row.put("longitude", point[0]);
            row.put("latitude", point[1]);
            row.put("opening_hours", free && !s[1].contains("湿地") ? "全天开放"
                    : "旺季（4月1日—10月31日）" + d.one("7:30", "8:00", "8:30") + "—17:30；淡季（11月1日—次年3月31日）" + d.one("7:30", "8:00", "8:30") + "—17:00");
            int price = s[2].equals("5A") ? d.one(70, 80, 90, 100) : s[2].equals("4A") ? d.one(30, 40, 60, 78) : 20;
            row.put("ticket_info", free ? "免费开放" : "旺季" + price + "元，淡季" + (price - 10)
                    + "元；60周岁以上老年人、全日制在校学生凭证半价；6周岁（含）以下或身高1.4米（含）以下儿童免票");
            row.put("rating_date", (s[2].equals("5A") ? d.date(LocalDate.of(2007, 5, 1), LocalDate.of(2014, 12, 31))
                    : d.date(LocalDate.of(2001, 1, 1), d.asOf.minusMonths(2))).toString());
            rows.add(row);
        }
        return rows;
    }

    static List<Map<String, String>> hotels(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        int serial = 0;
        for (var c : d.companies(60, Kind.HOTEL)) {
            int stars = d.weighted(new Integer[]{5, 4, 3, 2}, 15, 35, 40, 10);
            String trade = c.name().substring(c.seat().district().shortName().length()).replaceFirst("^市", "").substring(0, 2);
            var row = d.row();
            row.put("hotel_code", "JS" + stars + "-" + c.seat().district().code() + "-" + Draw.format("%03d", ++serial));
            row.put("hotel_name", c.seat().district().shortName() + trade + d.one("大酒店", "酒店", "国际酒店", "宾馆", "花园酒店"));
            row.put("credit_code", c.creditCode());
            row.put("star_level", Integer.toString(stars));
            row.put("district_code", c.seat().district().code());
            row.put("address", c.seat().address());
            row.put("room_count", Integer.toString(switch (stars) {
                case 5 -> d.between(250, 550);
                case 4 -> d.between(150, 350);
                case 3 -> d.between(80, 200);
                default -> d.between(40, 100);
            }));
            row.put("rating_date", d.date(max(c.established(), LocalDate.of(2006, 1, 1)), d.asOf.minusDays(30)).toString());
            rows.add(row);
        }
        return rows;
    }

    /** Public venues by name, type and district. */
    private static final String[][] VENUES = {
            {"苏州博物馆", "博物馆", "320508"}, {"苏州博物馆西馆", "博物馆", "320505"}, {"苏州图书馆", "图书馆", "320508"},
            {"苏州第二图书馆", "图书馆", "320507"}, {"苏州美术馆", "美术馆", "320508"}, {"苏州市文化馆", "文化馆", "320508"},
            {"苏州丝绸博物馆", "博物馆", "320508"}, {"中国昆曲博物馆", "博物馆", "320508"}, {"苏州碑刻博物馆", "博物馆", "320508"},
            {"苏州工艺美术博物馆", "博物馆", "320508"}, {"苏州革命博物馆", "纪念馆", "320508"}, {"苏州湾博物馆", "博物馆", "320509"},
            {"吴中博物馆", "博物馆", "320506"}, {"常熟博物馆", "博物馆", "320581"}, {"常熟图书馆", "图书馆", "320581"},
            {"沙家浜革命历史纪念馆", "纪念馆", "320581"}, {"张家港博物馆", "博物馆", "320582"}, {"张家港市图书馆", "图书馆", "320582"},
            {"昆山市图书馆", "图书馆", "320583"}, {"顾炎武纪念馆", "纪念馆", "320583"}, {"太仓博物馆", "博物馆", "320585"},
            {"太仓市图书馆", "图书馆", "320585"}, {"苏州工业园区独墅湖图书馆", "图书馆", "320576"}};

    static List<Map<String, String>> venues(Draw d) {
        var venues = new ArrayList<String[]>(List.of(VENUES));
        for (var district : d.places.districts()) {
            String prefix = district.code().equals("320576") ? "苏州工业园区" : district.prefix();
            venues.add(new String[]{prefix + "文化馆", "文化馆", district.code()});
            for (String street : district.streets())
                if (d.chance(0.25)) venues.add(new String[]{prefix + "图书馆" + street.replaceAll("(街道|镇|乡)$", "") + "分馆", "图书馆", district.code()});
        }
        var rows = new ArrayList<Map<String, String>>();
        int serial = 0;
        for (var v : venues) {
            var district = d.places.district(v[2]);
            String[] point = SuzhouPlaces.point(d.random, district, 0.04);
            var row = d.row();
            row.put("venue_code", "3205WH" + Draw.format("%04d", ++serial));
            row.put("venue_name", v[0]);
            row.put("venue_type", v[1]);
            row.put("district_code", district.code());
            row.put("address", placeNamed(d, district, v[0]).address());
            row.put("opening_hours", switch (v[1]) {
                case "图书馆" -> "周一至周日9:00—" + d.one("17:00", "20:30", "21:00") + "，法定节假日正常开放";
                case "文化馆" -> "周二至周日9:00—17:00，周一闭馆";
                default -> "周二至周日9:00—17:00（16:00停止入馆），周一闭馆（法定节假日除外）";
            });
            row.put("free_admission", Boolean.toString(!v[1].equals("纪念馆") || d.chance(0.7)));
            row.put("longitude", point[0]);
            row.put("latitude", point[1]);
            rows.add(row);
        }
        return rows;
    }

    // ------------------------------------------------------------------ 大数据局

    /** Licence types kept as electronic licences: name, issuing department, holder, basis. */
    private static final String[][] LICENCES = {
            {"居民身份证", "3205GA", "自然人", "《中华人民共和国居民身份证法》"}, {"居民户口簿", "3205GA", "自然人", "《中华人民共和国户口登记条例》"},
            {"机动车驾驶证", "3205GA", "自然人", "《中华人民共和国道路交通安全法》"}, {"机动车行驶证", "3205GA", "自然人及法人", "《中华人民共和国道路交通安全法》"},
            {"普通护照", "3205GA", "自然人", "《中华人民共和国护照法》"}, {"往来港澳通行证", "3205GA", "自然人", "《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》"},
            {"往来台湾通行证", "3205GA", "自然人", "《中国公民往来台湾地区管理办法》"}, {"江苏省居住证", "3205GA", "自然人", "《居住证暂行条例》"},
            {"无犯罪记录证明", "3205GA", "自然人", "《公安机关办理无犯罪记录证明工作规定》"}, {"保安员证", "3205GA", "自然人", "《保安服务管理条例》"},
            {"社会保障卡", "3205RS", "自然人", "《中华人民共和国社会保险法》"}, {"人力资源服务许可证", "3205RS", "法人及其他组织", "《人力资源市场暂行条例》"},
            {"劳务派遣经营许可证", "3205RS", "法人及其他组织", "《中华人民共和国劳动合同法》"}, {"职业资格证书", "3205RS", "自然人", "《中华人民共和国劳动法》"},
            {"职业技能等级证书", "3205RS", "自然人", "《中华人民共和国劳动法》"}, {"就业创业证", "3205RS", "自然人", "《中华人民共和国就业促进法》"},
            {"营业执照", "3205SC", "法人及其他组织", "《中华人民共和国市场主体登记管理条例》"}, {"食品经营许可证", "3205SC", "法人及其他组织", "《中华人民共和国食品安全法》"},
            {"食品生产许可证", "3205SC", "法人及其他组织", "《中华人民共和国食品安全法》"}, {"特种设备使用登记证", "3205SC", "法人及其他组织", "《中华人民共和国特种设备安全法》"},
            {"工业产品生产许可证", "3205SC", "法人及其他组织", "《中华人民共和国工业产品生产许可证管理条例》"},
            {"检验检测机构资质认定证书", "3205SC", "法人及其他组织", "《中华人民共和国认证认可条例》"},
            {"特种设备安全管理和作业人员证", "3205SC", "自然人", "《中华人民共和国特种设备安全法》"},
            {"出生医学证明", "3205WJ", "自然人", "《中华人民共和国母婴保健法》"}, {"医疗机构执业许可证", "3205WJ", "法人及其他组织", "《医疗机构管理条例》"},
            {"医师执业证书", "3205WJ", "自然人", "《中华人民共和国医师法》"}, {"护士执业证书", "3205WJ", "自然人", "《护士条例》"},
            {"放射诊疗许可证", "3205WJ", "法人及其他组织", "《放射诊疗管理规定》"}, {"公共场所卫生许可证", "3205WJ", "法人及其他组织", "《公共场所卫生管理条例》"},
            {"母婴保健技术服务执业许可证", "3205WJ", "法人及其他组织", "《中华人民共和国母婴保健法》"}, {"预防接种证", "3205WJ", "自然人", "《中华人民共和国疫苗管理法》"},
            {"道路运输经营许可证", "3205JT", "法人及其他组织", "《中华人民共和国道路运输条例》"}, {"道路运输证", "3205JT", "法人及其他组织", "《中华人民共和国道路运输条例》"},
            {"网络预约出租汽车经营许可证", "3205JT", "法人及其他组织", "《网络预约出租汽车经营服务管理暂行办法》"},
            {"网络预约出租汽车运输证", "3205JT", "自然人及法人", "《网络预约出租汽车经营服务管理暂行办法》"},
            {"网络预约出租汽车驾驶员证", "3205JT", "自然人", "《网络预约出租汽车经营服务管理暂行办法》"},
            {"道路运输从业人员从业资格证", "3205JT", "自然人", "《中华人民共和国道路运输条例》"}, {"出租汽车驾驶员从业资格证", "3205JT", "自然人", "《出租汽车驾驶员从业资格管理规定》"},
            {"排污许可证", "3205HB", "法人及其他组织", "《排污许可管理条例》"}, {"辐射安全许可证", "3205HB", "法人及其他组织", "《放射性同位素与射线装置安全和防护条例》"},
            {"危险废物经营许可证", "3205HB", "法人及其他组织", "《危险废物经营许可证管理办法》"},
            {"旅行社业务经营许可证", "3205WL", "法人及其他组织", "《旅行社条例》"}, {"导游证", "3205WL", "自然人", "《导游人员管理条例》"},
            {"营业性演出许可证", "3205WL", "法人及其他组织", "《营业性演出管理条例》"}, {"娱乐经营许可证", "3205WL", "法人及其他组织", "《娱乐场所管理条例》"},
            {"网络文化经营许可证", "3205WL", "法人及其他组织", "《互联网文化管理暂行规定》"}, {"出版物经营许可证", "3205WL", "法人及其他组织", "《出版管理条例》"},
            {"教师资格证书", "3205JY", "自然人", "《中华人民共和国教师法》"}, {"民办学校办学许可证", "3205JY", "法人及其他组织", "《中华人民共和国民办教育促进法》"},
            {"普通话水平测试等级证书", "3205JY", "自然人", "《中华人民共和国国家通用语言文字法》"},
            {"不动产权证书", "3205ZR", "自然人及法人", "《不动产登记暂行条例》"}, {"不动产登记证明", "3205ZR", "自然人及法人", "《不动产登记暂行条例》"},
            {"建设用地规划许可证", "3205ZR", "法人及其他组织", "《中华人民共和国城乡规划法》"}, {"建设工程规划许可证", "3205ZR", "法人及其他组织", "《中华人民共和国城乡规划法》"},
            {"乡村建设规划许可证", "3205ZR", "自然人及法人", "《中华人民共和国城乡规划法》"}, {"测绘资质证书", "3205ZR", "法人及其他组织", "《中华人民共和国测绘法》"}};

    static List<Map<String, String>> licenceTypes(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        var serials = new java.util.HashMap<String, Integer>();
        for (var l : LICENCES) {
            int serial = serials.merge(l[1], 1, Integer::sum);
            double logCount = l[2].equals("自然人") ? 4 + d.random.nextDouble() * 2.9 : 2.5 + d.random.nextDouble() * 3.4;
            var row = d.row();
            row.put("license_type_code", l[1] + "-" + Draw.format("%03d", serial));
            row.put("license_type_name", l[0]);
            row.put("issuing_dept_code", l[1]);
            row.put("holder_type", l[2]);
            row.put("legal_basis", l[3]);
            row.put("issued_count", Long.toString(Math.round(Math.pow(10, logCount))));
            row.put("last_sync_time", Draw.time(d.asOf.minusDays(d.chance(0.9) ? d.between(0, 1) : d.between(3, 20))
                    .atTime(d.between(1, 5), d.between(0, 59), d.between(0, 59))));
            rows.add(row);
        }
        return rows;
    }

    // ------------------------------------------------------------------ shared

    /** "苏州市姑苏区市场监督管理局"; 苏州工业园区's own name. */
    private static String authority(District district) {
        return (district.code().equals("320576") ? "苏州工业园区" : district.prefix()) + "市场监督管理局";
    }

    /** An address in the town a sight or venue is named after (周庄古镇 in 周庄镇), else anywhere in the district. */
    private static Place placeNamed(Draw d, District district, String name) {
        for (String street : district.streets()) {
            String stem = street.replaceAll("(街道|镇|乡)$", "");
            if (stem.length() >= 2 && name.contains(stem)) return SuzhouPlaces.place(d.random, district, street);
        }
        return d.places.place(d.random, district);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
