package org.citydata.demo;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.core.io.ClassPathResource;

/**
 * 苏州's ten districts and county-level cities with their towns and streets, read from the bundled GB/T 2260 files, so
 * generated addresses and region codes name places that exist; plus the other counties of China, for people whose
 * identity number was issued elsewhere.
 */
final class SuzhouPlaces {

    static final String CITY = "3205";

    /**
     * A district: its code and name, how addresses and authorities start ("苏州市姑苏区", "昆山市"), its towns and streets,
     * some of its real roads, and an approximate centre (the divisions files carry no coordinates; the centre only
     * scatters generated points such as bus stops and is never loaded as reference data).
     */
    record District(String code, String name, String prefix, String shortName, List<String> streets, List<String> roads,
                    double longitude, double latitude) {}

    /** A place in a district: its town or street and a street address. */
    record Place(District district, String street, String address) {}

    private static final Map<String, String[]> ROADS = Map.of(
            "320505", new String[]{"长江路", "狮山路", "竹园路", "滨河路", "运河路", "塔园路", "玉山路", "金山路"},
            "320506", new String[]{"东吴北路", "宝带东路", "吴中大道", "宝带西路", "木东路", "东吴南路", "友新路", "吴中东路"},
            "320507", new String[]{"相城大道", "华元路", "澄阳路", "春申湖路", "嘉元路", "太阳路", "富元路", "御窑路"},
            "320508", new String[]{"干将东路", "人民路", "十全街", "凤凰街", "临顿路", "景德路", "三香路", "阊胥路"},
            "320509", new String[]{"鲈乡南路", "中山南路", "开平路", "江兴东路", "松陵大道", "长安路", "流虹路", "笠泽路"},
            "320576", new String[]{"星湖街", "现代大道", "金鸡湖大道", "星海街", "旺墩路", "苏州大道东", "东方大道", "钟园路"},
            "320581", new String[]{"海虞北路", "黄河路", "衡山路", "虞山北路", "青墩塘路", "东南大道", "世纪大道", "枫林路"},
            "320582", new String[]{"人民中路", "沙洲西路", "长安南路", "暨阳中路", "国泰北路", "港城大道", "梁丰路", "华昌路"},
            "320583", new String[]{"前进西路", "柏庐南路", "黄河中路", "马鞍山西路", "萧林路", "珠江中路", "长江北路", "震川路"},
            "320585", new String[]{"上海东路", "郑和中路", "太平南路", "县府街", "北京东路", "常胜南路", "半泾路", "东亭路"});

    // approximate centres (longitude, latitude), CGCS2000; see District
    private static final Map<String, double[]> CENTRES = Map.of(
            "320505", new double[]{120.572, 31.296}, "320506", new double[]{120.632, 31.262},
            "320507", new double[]{120.642, 31.369}, "320508", new double[]{120.617, 31.311},
            "320509", new double[]{120.645, 31.138}, "320576", new double[]{120.720, 31.318},
            "320581", new double[]{120.753, 31.654}, "320582", new double[]{120.553, 31.876},
            "320583", new double[]{120.981, 31.385}, "320585", new double[]{121.130, 31.458});

    private final List<District> districts;
    private final Map<String, District> byCode;
    private final Map<String, List<String>> otherCounties; // by province

    private SuzhouPlaces(List<District> districts, List<String> otherCounties) {
        this.districts = List.copyOf(districts);
        this.byCode = new LinkedHashMap<>();
        districts.forEach(d -> byCode.put(d.code(), d));
        this.otherCounties = new LinkedHashMap<>();
        otherCounties.forEach(c -> this.otherCounties.computeIfAbsent(c.substring(0, 2), k -> new ArrayList<>()).add(c));
    }

    static SuzhouPlaces load() {
        var streets = new LinkedHashMap<String, List<String>>();
        for (var r : read("streets.csv")) {
            // 乡级 codes from 400 up are development zones and similar units, not places an address names
            if (r.get(4).equals(CITY) && Integer.parseInt(r.get(0).substring(6)) < 400)
                streets.computeIfAbsent(r.get(2), k -> new ArrayList<>()).add(r.get(1));
        }
        var districts = new ArrayList<District>();
        var others = new ArrayList<String>();
        for (var r : read("areas.csv")) {
            String code = r.get(0), name = r.get(1);
            if (!r.get(2).equals(CITY)) {
                if (!name.equals("市辖区")) others.add(code);
                continue;
            }
            double[] centre = CENTRES.get(code);
            if (centre == null || !streets.containsKey(code)) continue;
            boolean countyLevelCity = name.endsWith("市");
            String prefix = countyLevelCity ? name : name.startsWith("苏州") ? name : "苏州市" + name;
            String shortName = countyLevelCity ? name.substring(0, name.length() - 1) : "苏州";
            districts.add(new District(code, name, prefix, shortName, List.copyOf(streets.get(code)), List.of(ROADS.get(code)),
                    centre[0], centre[1]));
        }
        if (districts.size() != CENTRES.size())
            throw new IllegalStateException("the divisions files no longer list 苏州's ten districts: " + districts);
        return new SuzhouPlaces(districts, others);
    }

    List<District> districts() {
        return districts;
    }

    District district(String code) {
        return byCode.get(code);
    }

    /** A district, weighted roughly by population (the core districts and 昆山 are busier). */
    District anyDistrict(RandomGenerator random) {
        return districts.get(Pick.weighted(random, WEIGHTS));
    }

    private static final int[] WEIGHTS = {8, 12, 8, 10, 12, 10, 13, 11, 17, 7}; // the files' order: 320505 … 320585

    Place place(RandomGenerator random) {
        return place(random, anyDistrict(random));
    }

    /** "苏州市姑苏区平江街道干将东路128号": district, town or street, a real road of the district, a number. */
    Place place(RandomGenerator random, District d) {
        return place(random, d, Pick.one(random, d.streets()));
    }

    /** An address in the given town or street of the district. */
    static Place place(RandomGenerator random, District d, String street) {
        return new Place(d, street, d.prefix() + street + Pick.one(random, d.roads()) + (1 + random.nextInt(388)) + "号");
    }

    /** A GB/T 2260 county code outside 苏州, mostly from the provinces most newcomers come from. */
    String countyElsewhere(RandomGenerator random) {
        String province = Pick.weighted(random, new String[]{"34", "41", "32", "51", "37", "36", "42"}, new int[]{30, 20, 18, 10, 9, 7, 6});
        return Pick.one(random, otherCounties.get(province));
    }

    /** A point near the district's centre, six decimals. */
    static String[] point(RandomGenerator random, District d, double spread) {
        return new String[]{String.format(Locale.ROOT, "%.6f", d.longitude() + (random.nextDouble() * 2 - 1) * spread),
                String.format(Locale.ROOT, "%.6f", d.latitude() + (random.nextDouble() * 2 - 1) * spread * 0.85)};
    }

    private static List<CSVRecord> read(String file) {
        var resource = new ClassPathResource("reference/admin-divisions/" + file);
        try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8);
             var csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return csv.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("reference data " + file + " is missing from the build", e);
        }
    }
}
