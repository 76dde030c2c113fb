package org.citydata.demo;

import java.time.LocalDate;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.citydata.kernel.id.CreditCode;

/**
 * The demo city's companies. Company {@code n} is always the same company, so the one fined in 行政处罚信息 is the one
 * registered in 市场主体登记信息, with the same 统一社会信用代码.
 */
final class Companies {

    /** What a company does: words for its name, GB/T 4754 industry codes, and its registered business scope. */
    enum Kind {
        MACHINERY(14, new String[]{"精密机械", "智能装备", "机电设备", "自动化设备", "模具"}, new String[]{"C3484", "C3491", "C3525"},
                "机械零部件、自动化设备、模具的研发、制造、销售；货物进出口；技术进出口"),
        ELECTRONICS(12, new String[]{"电子科技", "半导体", "光电科技", "微电子", "电子材料"}, new String[]{"C3982", "C3973", "C3976", "C3911"},
                "电子元器件、集成电路、光电子器件的研发、生产、销售；电子产品技术开发、技术服务"),
        BIOMEDICINE(5, new String[]{"生物医药", "生物科技", "医药科技", "制药"}, new String[]{"C2710", "C2720", "C2761"},
                "药品生产；药品批发；医学研究和试验发展；生物技术推广服务"),
        CHEMICAL(5, new String[]{"化工", "新材料", "精细化工", "高分子材料"}, new String[]{"C2614", "C2651"},
                "化工产品生产（不含许可类化工产品）；合成材料制造；化工产品销售"),
        TEXTILE(6, new String[]{"纺织", "丝绸", "印染", "服饰"}, new String[]{"C1713", "C1752", "C1741"},
                "纺织品、丝绸制品、服装的生产、印染加工和销售；面料纺织加工"),
        LOGISTICS(8, new String[]{"物流", "运输", "供应链管理", "货运"}, new String[]{"G5431", "G5433", "G5437"},
                "道路货物运输（不含危险货物）；普通货物仓储服务；国内货物运输代理；供应链管理服务"),
        RESTAURANT(8, new String[]{"餐饮管理", "餐饮", "食品"}, new String[]{"H6210", "H6220"},
                "餐饮服务；食品销售；餐饮管理；外卖递送服务"),
        RETAIL(7, new String[]{"超市", "商贸", "便利店"}, new String[]{"F5212", "F5213"},
                "食品销售；日用百货销售；食用农产品零售；烟草制品零售"),
        HOTEL(5, new String[]{"酒店管理", "酒店", "大酒店"}, new String[]{"H6110", "H6121"},
                "住宿服务；餐饮服务；酒店管理；会议及展览服务；停车场服务"),
        HR_SERVICE(5, new String[]{"人力资源", "人力资源服务", "企业管理咨询"}, new String[]{"L7262", "L7263", "L7269"},
                "职业中介活动；劳务派遣服务；人力资源服务（不含职业中介活动、劳务派遣服务）；企业管理咨询"),
        CONSTRUCTION(6, new String[]{"建设工程", "建筑工程", "建设集团"}, new String[]{"E4710", "E4790"},
                "建设工程施工；建筑劳务分包；住宅室内装饰装修；园林绿化工程施工"),
        REAL_ESTATE(4, new String[]{"置业", "房地产开发", "地产"}, new String[]{"K7010"},
                "房地产开发经营；物业管理；非居住房地产租赁"),
        SOFTWARE(8, new String[]{"信息技术", "软件", "网络科技", "数据科技"}, new String[]{"I6513", "I6531"},
                "软件开发；信息系统集成服务；信息技术咨询服务；数据处理和存储支持服务"),
        TRADE(7, new String[]{"贸易", "商贸", "进出口"}, new String[]{"F5179", "F5181"},
                "货物进出口；技术进出口；机械设备销售；五金产品批发；电子产品销售"),
        UTILITY(2, new String[]{"热电", "水务", "环保能源"}, new String[]{"D4411", "D4620", "N7820"},
                "热力生产和供应；发电业务；污水处理及其再生利用；固体废物治理");

        final int weight;
        final String[] words;
        final String[] industries;
        final String scope;

        Kind(int weight, String[] words, String[] industries, String scope) {
            this.weight = weight;
            this.words = words;
            this.industries = industries;
            this.scope = scope;
        }
    }

    /** A company as the market register knows it; {@code entityType} after the market entity type codes (1100 …). */
    record Company(int index, String name, String creditCode, Kind kind, String industryCode, SuzhouPlaces.Place seat,
                   LocalDate established, String entityType, String capital, String legalRepresentative) {}

    private static final int[] KIND_WEIGHTS = java.util.Arrays.stream(Kind.values()).mapToInt(k -> k.weight).toArray();
    // two-character trade names (字号): first × second, a different pair for each of the first 1,369 companies, shuffled
    // (index × a prime, modulo 37²) so that neighbouring companies do not share a character
    private static final String FIRST = "金华恒博瑞新天隆和东晨澄鼎启正德凯嘉明远睿中永锦欣创宏盛信泰通科汇亿诚捷昌";
    private static final String SECOND = "澜翔思宇成吴光湖芯尔达禾阳航程悦源峰迈晟联帆辰川洲誉腾锐元逸弘丰森茂楷越骏";
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"; // GB 32100's, without I, O, S, V, Z

    private final SuzhouPlaces places;
    private final long seed;
    private final LocalDate asOf;

    Companies(SuzhouPlaces places, long seed, LocalDate asOf) {
        this.places = places;
        this.seed = seed;
        this.asOf = asOf;
    }

    Company company(int index) {
        var random = new Random(seed * 1_000_033L + index);
        var kind = kind(random);
        var seat = places.place(random);
        var established = asOf.minusDays(Pick.between(random, 30, 30 * 365));
        String entityType = Pick.weighted(random, new String[]{"1100", "1130", "1151", "1200"}, new int[]{40, 30, 15, 15});
        int pair = (int) ((index * 7919L) % (FIRST.length() * SECOND.length()));
        String trade = "" + FIRST.charAt(pair % FIRST.length()) + SECOND.charAt(pair / FIRST.length());
        String prefix = seat.district().shortName() + (seat.district().name().endsWith("市") && Pick.chance(random, 0.3) ? "市" : "");
        String name = prefix + trade + Pick.one(random, kind.words) + (entityType.equals("1200") ? "股份有限公司" : "有限公司");
        String capital = capital(random, entityType.equals("1200") ? 3 : 1);
        String representative = People.name(random, Pick.chance(random, 0.72), false);
        return new Company(index, name, creditCode(random, "91", seat.district().code(), established), kind,
                Pick.one(random, kind.industries), seat, established, entityType, capital, representative);
    }

    /** Companies of the given kinds, in order from {@code start}: the same companies for the same arguments. */
    Stream<Company> of(int start, Kind... kinds) {
        var wanted = java.util.EnumSet.noneOf(Kind.class);
        wanted.addAll(java.util.List.of(kinds.length == 0 ? Kind.values() : kinds));
        // the kind is the first thing drawn for a company, so the others are skipped without being made
        return IntStream.iterate(start, i -> i + 1).filter(i -> wanted.contains(kind(new Random(seed * 1_000_033L + i))))
                .mapToObj(this::company);
    }

    private static Kind kind(RandomGenerator random) {
        return Kind.values()[Pick.weighted(random, KIND_WEIGHTS)];
    }

    /**
     * A valid 统一社会信用代码: registration authority and type ({@code 91} enterprise, {@code 12} public institution,
     * {@code 52} private non-enterprise unit), the region, a GB 11714 organisation code with its check character, and the
     * MOD 31 check character. Codes issued since 2016 carry organisation codes starting {@code MA}.
     */
    static String creditCode(RandomGenerator random, String authorityAndType, String region, LocalDate issued) {
        var body = new StringBuilder(8);
        if (issued.getYear() >= 2016) {
            body.append("MA").append(1 + random.nextInt(2));
            while (body.length() < 8) body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        } else {
            body.append(1 + random.nextInt(7));
            while (body.length() < 8) body.append(random.nextInt(10));
        }
        String first17 = authorityAndType + region + body + CreditCode.organizationCheck(body.toString());
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** 注册资本 in 万元: mostly round sums, sometimes an odd one (foreign capital converted). */
    private static String capital(RandomGenerator random, int scale) {
        int[] round = {10, 50, 100, 100, 200, 300, 500, 500, 800, 1000, 1000, 2000, 3000, 5000, 10000, 20000};
        if (Pick.chance(random, 0.85)) return round[random.nextInt(round.length)] * scale + ".00";
        return String.format(java.util.Locale.ROOT, "%.2f", (50 + random.nextDouble() * 9950) * scale);
    }
}
