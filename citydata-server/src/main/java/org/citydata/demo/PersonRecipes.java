package org.citydata.demo;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citydata.demo.Companies.Company;
import org.citydata.demo.DemoRows.Recipe;
import org.citydata.demo.People.Person;

/** Recipes for the resources about people: residents, drivers and vehicles, the insured, births, vaccinations, pupils, homes. */
final class PersonRecipes {

    private PersonRecipes() {}

    static Map<String, Recipe> all() {
        return Map.of(
                "常住人口基本信息", PersonRecipes::residents,
                "驾驶人信息", PersonRecipes::drivers,
                "机动车登记信息", PersonRecipes::vehicles,
                "社会保险参保信息", PersonRecipes::insured,
                "就业登记信息", PersonRecipes::employment,
                "出生医学证明信息", PersonRecipes::births,
                "预防接种信息", PersonRecipes::vaccinations,
                "中小学生学籍信息", PersonRecipes::pupils,
                "不动产登记信息", PersonRecipes::realEstate);
    }

    // ------------------------------------------------------------------ 公安

    /** The register lists the city's first 300 residents, so other departments' people are partly found in it. */
    static List<Map<String, String>> residents(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        for (int i = 0; i < 300; i++) {
            var p = d.people.person(i);
            int age = p.age(d.asOf);
            var row = person(d.row(), p);
            row.put("ethnicity_code", d.weighted(new String[]{"01", "03", "08", "06", "15", "11", "05", "04"}, 975, 6, 4, 4, 4, 3, 2, 2));
            row.put("household_no", p.home().district().code().substring(4) + d.digits(7));
            // GB/T 4761: 02 户主, 10 配偶, 20 子, 30 女, 51 父亲, 52 母亲
            row.put("relation_to_head", age < 18 ? (p.male() ? "20" : "30")
                    : age >= 70 && d.chance(0.4) ? (p.male() ? "51" : "52")
                    : d.weighted(new String[]{"02", "10", p.male() ? "20" : "30"}, 50, 38, 12));
            row.put("household_address", p.home().address());
            row.put("household_region_code", p.home().district().code());
            row.put("update_time", Draw.time(d.moment(d.asOf.minusYears(3), d.asOf)));
            rows.add(row);
        }
        return rows;
    }

    static List<Map<String, String>> drivers(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        for (var p : d.residents(150, 20, 72)) {
            var row = person(d.row(), p);
            row.put("license_class", d.weighted(new String[]{"C1", "C2", "B2", "A2", "A1", "B1", "D", "E"}, 70, 12, 6, 3, 2, 2, 3, 2));
            var first = d.date(max(p.birthDate().plusYears(18), LocalDate.of(1990, 1, 1)), d.asOf.minusDays(20));
            row.put("first_issue_date", first.toString());
            // a first licence runs 6 years, the next 10, then it is valid for good (长期: no end date)
            var until = first.plusYears(6).isAfter(d.asOf) ? first.plusYears(6) : first.plusYears(16).isAfter(d.asOf) ? first.plusYears(16) : null;
            row.put("valid_until", until == null ? "" : until.toString());
            String status = d.weighted(new String[]{"A", "B", "G", "F"}, 92, 3, 4, 1);
            row.put("license_status_code", status);
            row.put("penalty_points", status.equals("B") ? "12" : status.equals("A")
                    ? d.weighted(new String[]{"0", "1", "2", "3", "6", "9"}, 64, 8, 6, 12, 8, 2) : "0");
            row.put("issuing_authority", "江苏省苏州市公安局交通警察支队");
            rows.add(row);
        }
        return rows;
    }

    /** A model as registered: brand and model, its maker's VIN prefix, vehicle type code, and how it is powered. */
    private record Model(String brandModel, String wmi, String typeCode, char energy) {}

    private static final Model[] CARS = {
            new Model("大众汽车牌SVW7141BRD", "LSV", "K33", 'G'), new Model("一汽-大众牌FV7151FBDBG", "LFV", "K33", 'G'),
            new Model("别克牌SGM7152EAA1", "LSG", "K33", 'G'), new Model("丰田牌GTM7200GB", "LVG", "K33", 'G'),
            new Model("本田牌GHA7150ABC6A", "LHG", "K33", 'G'), new Model("日产牌DFL7160VAL2", "LGB", "K33", 'G'),
            new Model("宝马牌BMW7201MM", "LBV", "K33", 'G'), new Model("吉利牌JL7152L01", "L6T", "K33", 'G'),
            new Model("长安牌SC7155B6", "LS5", "K33", 'G'), new Model("奇瑞牌SQR7151J617", "LVV", "K33", 'G'),
            new Model("比亚迪牌BYD7006BEVG", "LGX", "K33", 'D'), new Model("特斯拉牌TSL7000BEVAR2", "LRW", "K33", 'D'),
            new Model("比亚迪牌BYD6470ST6HEV", "LGX", "K31", 'F'), new Model("理想牌LXA6500SHEVX", "LW4", "K31", 'F')};
    private static final Model[] LARGE = {new Model("解放牌CA4250P66K24T1E6", "LFW", "Q11", 'G'),
            new Model("东风牌DFH4250A", "LGA", "Q11", 'G'), new Model("宇通牌ZK6126HNQ5E", "LZY", "K11", 'G')};
    private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"; // no I or O on a plate

    static List<Map<String, String>> vehicles(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        var owners = d.residents(130, 20, 80);
        var firms = d.companies(20);
        for (int i = 0; i < owners.size() + firms.size(); i++) {
            var row = d.row();
            boolean large = d.chance(0.05);
            var model = large ? d.one(LARGE) : d.one(CARS);
            boolean newEnergy = model.energy() != 'G';
            // GA 24.7: 01 大型汽车, 02 小型汽车, 52 小型新能源汽车
            row.put("plate_type_code", large ? "01" : newEnergy ? "52" : "02");
            String plate = "苏" + d.weighted(new String[]{"E", "U"}, 70, 30) + "·"
                    + (newEnergy ? model.energy() + d.digits(5) : PLATE_LETTERS.charAt(d.random.nextInt(PLATE_LETTERS.length())) + d.digits(4));
            row.put("plate_number", plate);
            var registered = d.yearsAgo(0.1, 15);
            row.put("vin", Vin.make(d.random, model.wmi(), registered.getYear()));
            row.put("vehicle_type_code", model.typeCode());
            row.put("brand_model", model.brandModel());
            if (i < owners.size() && !large) {
                var p = owners.get(i);
                row.put("owner_name", p.name());
                row.put("id_number", p.idNumber());
                row.put("credit_code", "");
            } else {
                var c = firms.get(i % firms.size());
                row.put("owner_name", c.name());
                row.put("id_number", "");
                row.put("credit_code", c.creditCode());
            }
            row.put("registration_date", registered.toString());
            row.put("vehicle_status_code", d.weighted(new String[]{"A", "B", "E", "G", "K", "Q"}, 86, 3, 4, 3, 1, 3));
            rows.add(row);
        }
        return rows;
    }

    // ------------------------------------------------------------------ 人社

    /** 80 employees, each insured for four or five 险种 with the same employer and wage base. */
    static List<Map<String, String>> insured(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        var employers = d.companies(40);
        for (var p : d.residents(80, 18, 62)) {
            var employer = d.one(employers);
            String status = d.weighted(new String[]{"1", "2", "3"}, 88, 7, 5);
            String base = Draw.decimal(Math.min(24_000, d.around(8_600, 3_200, 4_494)), 2);
            var start = max(p.birthDate().plusYears(18), LocalDate.of(1996, 1, 1));
            var lastPaid = status.equals("1") ? d.asOf.withDayOfMonth(1).minusMonths(d.between(0, 1)) : d.date(start, d.asOf).withDayOfMonth(1);
            // insured for the main 险种 when first employed; the others follow within a couple of years
            var firstJob = d.date(start, min(lastPaid, d.asOf.minusMonths(1)));
            for (String type : new String[]{"110", "210", "310", "410", "510"}) {
                if ((type.equals("210") && d.chance(0.1)) || (type.equals("510") && d.chance(0.15))) continue;
                var row = d.row();
                row.put("id_number", p.idNumber());
                row.put("name", p.name());
                row.put("insurance_type_code", type);
                row.put("credit_code", employer.creditCode());
                row.put("employer_name", employer.name());
                row.put("insured_status", status);
                var first = type.equals("110") || type.equals("310") ? firstJob : min(firstJob.plusDays(d.between(0, 730)), lastPaid);
                row.put("first_insured_date", first.toString());
                row.put("payment_base", base);
                row.put("last_paid_month", Draw.format("%04d%02d", lastPaid.getYear(), lastPaid.getMonthValue()));
                rows.add(row);
            }
        }
        return rows;
    }

    private static final String[] OCCUPATIONS = {"2-02-10-01", "2-02-07-06", "2-06-07-02", "3-01-02-01", "4-01-02-01",
            "4-02-06-01", "4-03-01-01", "4-07-05-02", "6-25-04-01", "6-28-01-14", "6-31-01-03"};

    static List<Map<String, String>> employment(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        var employers = d.companies(60);
        for (var p : d.residents(150, 18, 58)) {
            var row = person(d.row(), p);
            var date = d.yearsAgo(0, 6);
            row.put("registration_no", "3205" + date.toString().replace("-", "") + d.digits(6));
            // 01 单位就业, 02 灵活就业 (no employer), 03 自主创业 (the person's own business)
            String form = d.weighted(new String[]{"01", "02", "03"}, 80, 12, 8);
            Company employer = form.equals("02") ? null : d.one(employers);
            row.put("credit_code", employer == null ? "" : employer.creditCode());
            row.put("employer_name", employer == null ? "" : employer.name());
            row.put("employment_form", form);
            row.put("registration_date", date.toString());
            row.put("occupation_code", d.one(OCCUPATIONS));
            rows.add(row);
        }
        return rows;
    }

    // ------------------------------------------------------------------ 卫健

    static List<Map<String, String>> births(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        var hospitals = EntityRecipes.hospitals(d).stream().filter(h -> h.category().equals("综合医院") || h.category().equals("妇幼保健院")).toList();
        for (int i = 0; i < 150; i++) {
            var row = d.row();
            var mother = d.people.born(d.random, d.between(23, 40), false);
            var father = d.people.born(d.random, Math.max(mother.age(d.asOf) + d.between(-3, 6), 24), true);
            boolean boy = d.chance(0.52);
            var born = d.moment(d.asOf.minusYears(2), d.asOf.minusDays(3));
            var hospital = d.one(hospitals);
            row.put("certificate_no", (char) ('P' + born.getYear() - 2023) + "32" + d.digits(7));
            row.put("newborn_name", People.surnameName(d.random, d.chance(0.9) ? father.surname() : mother.surname(), boy, true));
            row.put("gender_code", boy ? "1" : "2");
            row.put("birth_time", Draw.time(born));
            row.put("birth_place", "江苏省苏州市" + hospital.place().district().name() + " " + hospital.name());
            row.put("mother_name", mother.name());
            row.put("mother_id_number", mother.idNumber());
            row.put("father_name", father.name());
            row.put("father_id_number", father.idNumber());
            row.put("issuing_institution", hospital.name());
            rows.add(row);
        }
        return rows;
    }

    /** The national immunisation schedule's early doses: vaccine, dose, age in months, and makers. */
    private record Dose(String vaccine, int dose, int months, String... makers) {}

    private static final String BEIJING = "北京生物制品研究所有限责任公司", SHANGHAI = "上海生物制品研究所有限责任公司",
            CHENGDU = "成都生物制品研究所有限责任公司", WUHAN = "武汉生物制品研究所有限责任公司",
            LANZHOU = "兰州生物制品研究所有限责任公司", CHANGCHUN = "长春生物制品研究所有限责任公司",
            KANGTAI = "深圳康泰生物制品股份有限公司", SINOVAC = "北京科兴生物制品有限公司";
    private static final Dose[] SCHEDULE = {
            new Dose("乙肝疫苗", 1, 0, KANGTAI, BEIJING), new Dose("卡介苗", 1, 0, SHANGHAI, CHENGDU),
            new Dose("乙肝疫苗", 2, 1, KANGTAI, BEIJING), new Dose("脊灰灭活疫苗", 1, 2, SINOVAC, BEIJING),
            new Dose("脊灰灭活疫苗", 2, 3, SINOVAC, BEIJING), new Dose("百白破疫苗", 1, 3, WUHAN, CHENGDU),
            new Dose("百白破疫苗", 2, 4, WUHAN, CHENGDU), new Dose("百白破疫苗", 3, 5, WUHAN, CHENGDU),
            new Dose("乙肝疫苗", 3, 6, KANGTAI, BEIJING), new Dose("A群流脑多糖疫苗", 1, 6, LANZHOU, WUHAN),
            new Dose("麻腮风疫苗", 1, 8, BEIJING, SHANGHAI), new Dose("乙脑减毒活疫苗", 1, 8, CHENGDU),
            new Dose("A群流脑多糖疫苗", 2, 9, LANZHOU, WUHAN), new Dose("百白破疫苗", 4, 18, WUHAN, CHENGDU),
            new Dose("麻腮风疫苗", 2, 18, BEIJING, SHANGHAI), new Dose("甲肝减毒活疫苗", 1, 18, CHANGCHUN),
            new Dose("乙脑减毒活疫苗", 2, 24, CHENGDU)};

    /** 70 young children and some of the doses their age has brought them, each given at the health centre near home. */
    static List<Map<String, String>> vaccinations(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        for (var child : d.residents(70, 0, 6)) {
            int months = (int) Period.between(child.birthDate(), d.asOf).toTotalMonths();
            var due = java.util.Arrays.stream(SCHEDULE).filter(s -> s.months() <= months).toList();
            String unit = child.home().district().prefix() + child.home().street() + "社区卫生服务中心预防接种门诊";
            for (var dose : due) {
                if (d.chance(0.6)) continue; // a sample of the child's records, not all of them
                var row = d.row();
                var given = min(child.birthDate().plusMonths(dose.months()).plusDays(d.between(0, 20)), d.asOf);
                row.put("record_id", d.hex(32));
                row.put("id_number", child.idNumber());
                row.put("name", child.name());
                row.put("vaccine_name", dose.vaccine());
                row.put("dose_number", Integer.toString(dose.dose()));
                row.put("vaccination_date", given.toString());
                row.put("batch_no", Draw.format("%04d%02d%03d", given.getYear(), given.getMonthValue(), d.between(1, 80)));
                row.put("vaccination_unit", unit);
                row.put("manufacturer", d.one(dose.makers()));
                rows.add(row);
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ 教育

    private static final String[] GRADES = {"一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级",
            "高一", "高二", "高三"};

    /** 300 pupils aged 6–17 at schools of 中小学校名录 that teach their grade, near home when there is one. */
    static List<Map<String, String>> pupils(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        var schools = EntityRecipes.schools(d);
        int schoolYear = d.asOf.getMonthValue() >= 9 ? d.asOf.getYear() : d.asOf.getYear() - 1;
        for (var p : d.residents(300, 6, 17)) {
            // the grade by the school year the child started: September after the sixth birthday
            int grade = Math.min(11, Math.max(0, schoolYear - (p.birthDate().getYear() + (p.birthDate().getMonthValue() >= 9 ? 7 : 6))));
            var candidates = schools.stream().filter(s -> s.teaches(grade)).toList();
            var near = candidates.stream().filter(s -> s.place().district().equals(p.home().district())).toList();
            var school = d.one(near.isEmpty() ? candidates : near);
            var row = person(d.row(), p);
            row.put("student_no", "G" + p.idNumber());
            row.put("school_code", school.code());
            row.put("grade", GRADES[grade]);
            row.put("class_name", GRADES[grade] + "(" + d.between(1, Math.max(1, school.classes() / 6)) + ")班");
            int entered = grade < 6 ? schoolYear - grade : grade < 9 ? schoolYear - (grade - 6) : schoolYear - (grade - 9);
            row.put("enrollment_date", LocalDate.of(entered, 9, 1).toString());
            row.put("student_status", d.weighted(new String[]{"在读", "休学", "转出"}, 95, 2, 3));
            rows.add(row);
        }
        return rows;
    }

    // ------------------------------------------------------------------ 自然资源和规划

    static List<Map<String, String>> realEstate(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        var owners = d.residents(180, 25, 85);
        var firms = d.companies(20, Companies.Kind.REAL_ESTATE, Companies.Kind.MACHINERY, Companies.Kind.RETAIL, Companies.Kind.SOFTWARE);
        for (int i = 0; i < owners.size() + firms.size(); i++) {
            var row = d.row();
            boolean person = i < owners.size();
            var place = person ? owners.get(i).home() : firms.get(i - owners.size()).seat();
            var district = place.district();
            String usage = person ? d.weighted(new String[]{"住宅", "商业", "车位"}, 90, 4, 6) : d.weighted(new String[]{"商业", "办公", "工业"}, 35, 35, 30);
            var registered = d.date(LocalDate.of(2016, 1, 1), d.asOf.minusDays(5)); // 不动产权证书 since unified registration
            // 不动产单元代码: region 6, 地籍区 3, 地籍子区 3, GB (国有建设用地使用权), 宗地 5, F (房屋), 幢号 4 + 户号 4
            int building = d.between(1, 40), room = d.between(1, 30) * 100 + d.between(1, 6);
            row.put("unit_no", district.code() + Draw.format("%03d%03d", d.between(1, 12), d.between(1, 30)) + "GB" + d.digits(5)
                    + "F" + Draw.format("%04d%04d", building, usage.equals("住宅") ? room : d.between(1, 9999)));
            String registry = district.name().endsWith("市") ? district.name() : "苏州市";
            row.put("cert_no", "苏（" + registered.getYear() + "）" + registry + "不动产权第" + d.digits(7) + "号");
            if (person) {
                var p = owners.get(i);
                row.put("obligee_name", p.name());
                row.put("id_number", p.idNumber());
                row.put("credit_code", "");
                row.put("ownership_type", d.weighted(new String[]{"单独所有", "共同共有", "按份共有"}, 48, 46, 6));
            } else {
                var c = firms.get(i - owners.size());
                row.put("obligee_name", c.name());
                row.put("id_number", "");
                row.put("credit_code", c.creditCode());
                row.put("ownership_type", "单独所有");
            }
            row.put("property_location", place.address() + (usage.equals("住宅") ? building + "幢" + room + "室" : ""));
            row.put("usage", usage);
            double area = switch (usage) {
                case "住宅" -> d.around(98, 32, 38);
                case "车位" -> d.around(13, 1.5, 10);
                case "商业" -> d.around(160, 110, 25);
                case "办公" -> d.around(420, 300, 60);
                default -> d.around(3800, 2200, 500);
            };
            row.put("building_area", Draw.decimal(area, 2));
            row.put("registration_date", registered.toString());
            rows.add(row);
        }
        return rows;
    }

    // ------------------------------------------------------------------ shared

    /** The fields every person-based resource names alike. */
    private static Map<String, String> person(Map<String, String> row, Person p) {
        row.put("id_number", p.idNumber());
        row.put("name", p.name());
        row.put("gender_code", p.genderCode());
        row.put("birth_date", p.birthDate().toString());
        return row;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
