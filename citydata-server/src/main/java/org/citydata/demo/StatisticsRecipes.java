package org.citydata.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citydata.demo.Companies.Kind;
import org.citydata.demo.DemoRows.Recipe;

/** Recipes for measurements and statistics: air and water monitoring, polluters, bus lines, economic and census figures. */
final class StatisticsRecipes {

    private StatisticsRecipes() {}

    static Map<String, Recipe> all() {
        return Map.of(
                "空气质量监测小时数据", StatisticsRecipes::airQuality,
                "地表水水质监测数据", StatisticsRecipes::surfaceWater,
                "重点排污单位名录", StatisticsRecipes::polluters,
                "公交线路与站点信息", StatisticsRecipes::busLines,
                "国民经济主要指标", StatisticsRecipes::economy,
                "人口抽样调查汇总数据", StatisticsRecipes::populationSurvey,
                "苏州工业园区规模以上工业企业主要经济指标", StatisticsRecipes::industrialParkFirms);
    }

    // ------------------------------------------------------------------ 生态环境

    private static final String[][] AIR_STATIONS = {{"南门", "320508"}, {"彩香", "320508"}, {"轧钢厂", "320508"},
            {"吴中区", "320506"}, {"苏州新区", "320505"}, {"苏州工业园区", "320576"}, {"相城区", "320507"}, {"上方山", "320505"}};

    /** HJ 633-2012 breakpoints: the index steps, then each pollutant's hourly concentrations at those steps. */
    private static final double[] IAQI = {0, 50, 100, 150, 200, 300, 400, 500};
    private static final double[] PM25 = {0, 35, 75, 115, 150, 250, 350, 500};
    private static final double[] PM10 = {0, 50, 150, 250, 350, 420, 500, 600};
    private static final double[] O3 = {0, 160, 200, 300, 400, 800, 1000, 1200};
    private static final double[] NO2 = {0, 100, 200, 700, 1200, 2340, 3090, 3840};
    private static final double[] SO2 = {0, 150, 500, 650, 800, 800, 800, 800}; // above 800 the daily value decides
    private static final double[] CO = {0, 5, 10, 35, 60, 90, 120, 150};

    /** The last 48 hours at the eight national monitoring stations, with the daily cycle of traffic and sunshine. */
    static List<Map<String, String>> airQuality(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        var start = d.asOf.atStartOfDay().minusDays(1);
        double[] dayFactor = {d.around(1.0, 0.25, 0.5), d.around(1.0, 0.25, 0.5)};
        for (int s = 0; s < AIR_STATIONS.length; s++) {
            double local = d.around(1.0, 0.1, 0.7);
            for (int h = 0; h < 48; h++) {
                LocalDateTime at = start.plusHours(h);
                int hour = at.getHour();
                double rush = Math.exp(-Math.pow(hour - 8, 2) / 6) + Math.exp(-Math.pow(hour - 19, 2) / 8);
                double sun = Math.max(0, Math.sin((hour - 7) / 12.0 * Math.PI));
                double pm25 = Math.max(3, (24 + 14 * rush) * dayFactor[h / 24] * local + d.random.nextGaussian() * 4);
                double pm10 = pm25 * (1.35 + d.random.nextDouble() * 0.45);
                double o3 = Math.max(4, 18 + 120 * sun / dayFactor[h / 24] + d.random.nextGaussian() * 8);
                double no2 = Math.max(5, 18 + 30 * rush * local + d.random.nextGaussian() * 5);
                double so2 = Math.max(2, 6 + d.random.nextGaussian() * 1.5);
                double co = Math.max(0.2, 0.5 + 0.3 * rush + d.random.nextGaussian() * 0.08);
                long p25 = Math.round(pm25), p10 = Math.round(pm10), ozone = Math.round(o3), n = Math.round(no2), s2 = Math.round(so2);
                double c = Math.round(co * 10) / 10.0;
                double aqi = Math.max(Math.max(iaqi(PM25, p25), iaqi(PM10, p10)), Math.max(Math.max(iaqi(O3, ozone), iaqi(NO2, n)),
                        Math.max(iaqi(SO2, s2), iaqi(CO, c))));
                var row = d.row();
                row.put("station_code", "3205AQ" + Draw.format("%02d", s + 1));
                row.put("monitor_time", Draw.time(at));
                row.put("station_name", AIR_STATIONS[s][0]);
                row.put("pm25", Long.toString(p25));
                row.put("pm10", Long.toString(p10));
                row.put("o3", Long.toString(ozone));
                row.put("no2", Long.toString(n));
                row.put("so2", Long.toString(s2));
                row.put("co", Draw.decimal(c, 1));
                row.put("aqi", Long.toString((long) Math.ceil(aqi)));
                rows.add(row);
            }
        }
        return rows;
    }

    /** The individual air quality index of a concentration, by linear interpolation between breakpoints. */
    static double iaqi(double[] breakpoints, double concentration) {
        for (int i = 1; i < breakpoints.length; i++) {
            if (concentration <= breakpoints[i] && breakpoints[i] > breakpoints[i - 1])
                return IAQI[i - 1] + (IAQI[i] - IAQI[i - 1]) * (concentration - breakpoints[i - 1]) / (breakpoints[i] - breakpoints[i - 1]);
        }
        return 500;
    }

    /** Sections: name, water body, whether a lake (lakes have a stricter phosphorus limit). */
    private static final String[][] SECTIONS = {{"太湖（东部湖区）", "太湖", "lake"}, {"阳澄湖（湖心）", "阳澄湖", "lake"},
            {"七浦塘口", "七浦塘", "river"}, {"望亭立交", "望虞河", "river"}, {"赵屯", "吴淞江", "river"}, {"平望", "太浦河", "river"},
            {"枫桥", "京杭运河", "river"}, {"浏河闸", "浏河", "river"}};
    private static final String[] CLASSES = {"Ⅰ类", "Ⅱ类", "Ⅲ类", "Ⅳ类", "Ⅴ类", "劣Ⅴ类"};

    /** Twelve months at eight sections; the class is the worst of the four parameters' GB 3838-2002 classes. */
    static List<Map<String, String>> surfaceWater(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        var last = YearMonth.from(d.asOf);
        for (int s = 0; s < SECTIONS.length; s++) {
            boolean lake = SECTIONS[s][2].equals("lake");
            double dirt = d.around(1.0, 0.2, 0.6);
            for (int m = 11; m >= 0; m--) {
                var month = last.minusMonths(m);
                double summer = Math.sin((month.getMonthValue() - 4) / 12.0 * 2 * Math.PI); // warm water holds less oxygen
                double oxygen = Math.max(3.2, 8.2 - 1.6 * summer - (dirt - 1) * 2 + d.random.nextGaussian() * 0.5);
                double permanganate = Math.max(1.5, 3.6 * dirt + d.random.nextGaussian() * 0.5);
                double ammonia = Math.max(0.04, 0.28 * dirt + (1 - summer) * 0.08 + d.random.nextGaussian() * 0.08);
                double phosphorus = Math.max(0.01, (lake ? 0.045 : 0.12) * dirt + d.random.nextGaussian() * (lake ? 0.008 : 0.02));
                int worst = Math.max(Math.max(classAtLeast(oxygen, 7.5, 6, 5, 3, 2), classAtMost(permanganate, 2, 4, 6, 10, 15)),
                        Math.max(classAtMost(ammonia, 0.15, 0.5, 1.0, 1.5, 2.0),
                                lake ? classAtMost(phosphorus, 0.01, 0.025, 0.05, 0.1, 0.2) : classAtMost(phosphorus, 0.02, 0.1, 0.2, 0.3, 0.4)));
                var row = d.row();
                row.put("section_code", "3205SW" + Draw.format("%02d", s + 1));
                row.put("monitor_month", month.toString());
                row.put("section_name", SECTIONS[s][0]);
                row.put("water_body", SECTIONS[s][1]);
                row.put("water_quality_class", CLASSES[worst]);
                row.put("dissolved_oxygen", Draw.decimal(oxygen, 1));
                row.put("permanganate_index", Draw.decimal(permanganate, 1));
                row.put("ammonia_nitrogen", Draw.decimal(ammonia, 2));
                row.put("total_phosphorus", Draw.decimal(phosphorus, 3));
                rows.add(row);
            }
        }
        return rows;
    }

    /** The class (0 = Ⅰ … 5 = 劣Ⅴ) of a value that must stay at or below the limits. */
    private static int classAtMost(double value, double... limits) {
        for (int i = 0; i < limits.length; i++) if (value <= limits[i]) return i;
        return limits.length;
    }

    /** The class of a value that must stay at or above the limits (dissolved oxygen). */
    private static int classAtLeast(double value, double... limits) {
        for (int i = 0; i < limits.length; i++) if (value >= limits[i]) return i;
        return limits.length;
    }

    /** Units listed this year and last; most stay on the list, a few join or leave it. */
    static List<Map<String, String>> polluters(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        int year = d.asOf.getYear();
        for (var c : d.companies(64, Kind.CHEMICAL, Kind.TEXTILE, Kind.ELECTRONICS, Kind.BIOMEDICINE, Kind.UTILITY, Kind.MACHINERY)) {
            String industry = c.kind() == Kind.MACHINERY ? "C3360" : c.industryCode(); // metal surface treatment pollutes
            String category = switch (c.kind()) {
                case CHEMICAL -> "水环境重点排污单位；大气环境重点排污单位；土壤污染重点监管单位";
                case TEXTILE -> "水环境重点排污单位";
                case ELECTRONICS, MACHINERY -> "水环境重点排污单位；土壤污染重点监管单位";
                case BIOMEDICINE -> "水环境重点排污单位；环境风险重点管控单位";
                default -> industry.equals("D4620") ? "水环境重点排污单位" : "大气环境重点排污单位";
            };
            String[] point = SuzhouPlaces.point(d.random, c.seat().district(), 0.06);
            int outlets = d.between(1, 8);
            boolean lastYear = d.chance(0.9), thisYear = !lastYear || d.chance(0.93);
            for (int y : new int[]{year - 1, year}) {
                if ((y == year && !thisYear) || (y < year && !lastYear)) continue;
                var row = d.row();
                row.put("credit_code", c.creditCode());
                row.put("list_year", Integer.toString(y));
                row.put("unit_name", c.name());
                row.put("district_code", c.seat().district().code());
                row.put("industry_code", industry);
                row.put("list_category", category);
                row.put("outlet_count", Integer.toString(outlets));
                row.put("longitude", point[0]);
                row.put("latitude", point[1]);
                rows.add(row);
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ 交通

    private static final String[] LINES = {"1路", "7路", "50路", "146路", "快线1号", "游2", "818路"};

    /** Seven lines, each along roads of one district, both directions, stops named by their crossing roads. */
    static List<Map<String, String>> busLines(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        for (int l = 0; l < LINES.length; l++) {
            var district = d.places.anyDistrict(d.random);
            var roads = district.roads();
            var stops = new ArrayList<String>();
            String terminus = d.one(district.streets()).replaceAll("(街道|镇|乡)$", "");
            stops.add(terminus + "首末站");
            for (int a = 0; a < roads.size() && stops.size() < 13; a++)
                for (int b = 0; b < roads.size() && stops.size() < 13; b++)
                    if (a != b && d.chance(0.25) && !stops.contains(roads.get(b) + roads.get(a))) stops.add(roads.get(a) + roads.get(b));
            stops.add(d.one(district.streets()).replaceAll("(街道|镇|乡)$", "") + "枢纽站");
            double lon = district.longitude() - 0.04, lat = district.latitude() - 0.03;
            double dLon = 0.08 / stops.size(), dLat = 0.06 / stops.size();
            var points = new ArrayList<String[]>();
            for (int i = 0; i < stops.size(); i++)
                points.add(new String[]{Draw.decimal(lon + dLon * i + d.random.nextGaussian() * 0.002, 6),
                        Draw.decimal(lat + dLat * i + d.random.nextGaussian() * 0.002, 6)});
            String first = Draw.format("%02d:%02d", d.between(5, 6), d.one(0, 10, 20, 30, 40));
            String lastBus = Draw.format("%02d:%02d", d.between(20, 22), d.one(0, 15, 30, 45));
            String operator = district.name().endsWith("市") ? district.name() + "公共交通有限公司" : "苏州公交集团有限公司";
            for (int direction = 0; direction < 2; direction++) {
                for (int i = 0; i < stops.size(); i++) {
                    int at = direction == 0 ? i : stops.size() - 1 - i; // the way back calls at the same stops in reverse
                    var row = d.row();
                    row.put("line_code", "3205BUS" + Draw.format("%04d", l + 1));
                    row.put("direction", Integer.toString(direction));
                    row.put("station_seq", Integer.toString(i + 1));
                    row.put("line_name", LINES[l]);
                    row.put("station_name", stops.get(at));
                    row.put("longitude", points.get(at)[0]);
                    row.put("latitude", points.get(at)[1]);
                    row.put("first_bus_time", first);
                    row.put("last_bus_time", lastBus);
                    row.put("operator_name", operator);
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ 统计

    /** Indicators: code, name, unit, the city's yearly total around which quarters accumulate, growth in %. */
    private static final Object[][] INDICATORS = {{"A01", "地区生产总值", "亿元", 27600.0, 5.5}, {"A02", "规模以上工业总产值", "亿元", 46000.0, 6.5},
            {"A03", "社会消费品零售总额", "亿元", 9600.0, 4.5}, {"A04", "一般公共预算收入", "亿元", 2550.0, 2.5}};
    /** Each district's share of the city, in the districts' order (320505 … 320585). */
    private static final double[] SHARES = {0.075, 0.08, 0.055, 0.045, 0.10, 0.15, 0.11, 0.13, 0.19, 0.065};
    private static final double[] CUMULATIVE = {0.235, 0.485, 0.74, 1.0};

    /** Quarterly accumulated figures for the city and its districts, from last year's first quarter up to the last complete one. */
    static List<Map<String, String>> economy(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        int lastYear = d.asOf.getYear() - 1;
        var districts = d.places.districts();
        for (var indicator : INDICATORS) {
            double yearly = (double) indicator[3], growth = (double) indicator[4];
            for (int year = lastYear; year <= d.asOf.getYear(); year++) {
                for (int q = 1; q <= 4; q++) {
                    var published = LocalDate.of(year, q * 3, 1).plusMonths(1).plusDays(d.between(17, 27));
                    if (published.isAfter(d.asOf)) break;
                    String period = year + "-Q" + q;
                    double cityValue = yearly * Math.pow(1 + growth / 100, year - lastYear) * CUMULATIVE[q - 1] * d.around(1, 0.01, 0.95);
                    double cityGrowth = growth + d.random.nextGaussian() * 0.6;
                    rows.add(indicatorRow(d, indicator, period, "320500", cityValue, cityGrowth, published));
                    for (int i = 0; i < districts.size(); i++)
                        rows.add(indicatorRow(d, indicator, period, districts.get(i).code(), cityValue * SHARES[i] * d.around(1, 0.03, 0.9),
                                cityGrowth + d.random.nextGaussian() * 1.5, published));
                }
            }
        }
        return rows;
    }

    private static Map<String, String> indicatorRow(Draw d, Object[] indicator, String period, String region, double value, double growth,
                                                    LocalDate published) {
        var row = d.row();
        row.put("indicator_code", (String) indicator[0]);
        row.put("stat_period", period);
        row.put("region_code", region);
        row.put("indicator_name", (String) indicator[1]);
        row.put("indicator_value", Draw.decimal(value, 2));
        row.put("unit", (String) indicator[2]);
        row.put("yoy_growth", Draw.decimal(growth, 1));
        row.put("publish_date", published.toString());
        return row;
    }

    /** 常住人口 in 万 of each district, in the districts' order (320505 … 320585); about 1,290 万 together. */
    private static final double[] POPULATION = {86, 140, 92, 95, 156, 116, 168, 145, 212, 84};

    /** The 1 % sample survey of last year: each district by five-year age group and sex, scaled up by the sampling ratio. */
    static List<Map<String, String>> populationSurvey(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        int total = java.util.Arrays.stream(People.AGE_WEIGHTS).sum();
        var districts = d.places.districts();
        for (int i = 0; i < districts.size(); i++) {
            double ratio = d.around(0.0100, 0.0002, 0.0095);
            for (int g = 0; g < People.AGE_GROUPS.length; g++) {
                // men outnumber women among working-age newcomers; women among the oldest
                double menShare = g < 4 ? 0.53 : g < 12 ? 0.525 : g < 15 ? 0.49 : 0.42;
                for (String sex : new String[]{"1", "2"}) {
                    double people = POPULATION[i] * 10_000 * People.AGE_WEIGHTS[g] / total * (sex.equals("1") ? menShare : 1 - menShare)
                            * d.around(1, 0.03, 0.9);
                    long sample = Math.round(people * ratio);
                    var row = d.row();
                    row.put("survey_year", Integer.toString(d.asOf.getYear() - 1));
                    row.put("region_code", districts.get(i).code());
                    row.put("age_group", People.AGE_GROUPS[g]);
                    row.put("gender_code", sex);
                    row.put("population_count", Long.toString(Math.round(sample / ratio)));
                    row.put("sample_count", Long.toString(sample));
                    row.put("sample_ratio", Draw.decimal(ratio, 4));
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** 30 manufacturers of 苏州工业园区, six months each; revenue and profit accumulate over the year. */
    static List<Map<String, String>> industrialParkFirms(Draw d) {
        var rows = new ArrayList<Map<String, String>>();
        var firms = d.companies.of(d.random.nextInt(800), Kind.ELECTRONICS, Kind.MACHINERY, Kind.BIOMEDICINE, Kind.CHEMICAL)
                .filter(c -> c.seat().district().code().equals("320576")).limit(30).toList();
        var last = YearMonth.from(d.asOf).minusMonths(1);
        for (var c : firms) {
            double monthly = Math.pow(10, 4 + d.random.nextDouble() * 2.3); // 千元: from about 1 to 200 million yuan a month
            double margin = d.around(0.07, 0.04, -0.05);
            double intensity = c.kind() == Kind.CHEMICAL ? 0.012 : c.kind() == Kind.ELECTRONICS ? 0.003 : 0.005; // 吨标准煤 per 千元
            int employees = (int) Math.max(120, monthly / 60 * d.around(1, 0.3, 0.4));
            double revenue = 0;
            for (int m = 1; m <= last.getMonthValue(); m++) {
                var month = last.withMonth(m);
                double output = monthly * (m <= 2 ? 0.85 : 1.0) * d.around(1, 0.06, 0.7); // the spring festival slows January and February
                revenue += output * d.around(0.98, 0.03, 0.85);
                if (m <= last.getMonthValue() - 6) continue; // only the last six months are reported
                var row = d.row();
                row.put("credit_code", c.creditCode());
                row.put("stat_period", month.toString());
                row.put("enterprise_name", c.name());
                row.put("industry_code", c.industryCode());
                row.put("gross_output_value", Draw.decimal(output, 0));
                row.put("operating_revenue", Draw.decimal(revenue, 0));
                row.put("total_profit", Draw.decimal(revenue * margin, 0));
                row.put("employee_count", Integer.toString(employees + d.between(-15, 15)));
                row.put("energy_consumption", Draw.decimal(output * intensity * d.around(1, 0.05, 0.8), 1));
                rows.add(row);
            }
        }
        return rows;
    }
}
