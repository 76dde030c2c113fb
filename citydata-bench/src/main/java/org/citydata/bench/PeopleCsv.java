package org.citydata.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.citydata.kernel.id.ResidentIdNumber;

/**
 * A synthetic 人口基础信息 file as a department sends it: UTF-8 CSV with a header of the field names, about 105 bytes a
 * row, every value valid for its field — a resident ID with a correct GB 11643 check character (unique: the key),
 * a Chinese name, the birth date the ID carries, an integer, a decimal amount (2 % blank), a mobile number, a boolean
 * and a short Chinese address. Rows come in no particular key order, as real exports do. The same seed and row count
 * give the same file.
 */
final class PeopleCsv {

    /** The fields, in file order: name, label, catalog type, length, sensitivity, key. */
    record Field(String name, String label, String type, Integer length, String sensitivity, boolean key, String sqlType) {}

    static final List<Field> FIELDS = List.of(
            new Field("id_number", "公民身份号码", "RESIDENT_ID", 18, "L4", true, "text"),
            new Field("name", "姓名", "STRING", 20, "L3", false, "text"),
            new Field("birth_date", "出生日期", "DATE", null, "L3", false, "date"),
            new Field("points", "积分", "INTEGER", null, "L2", false, "bigint"),
            new Field("amount", "缴费金额", "DECIMAL", null, "L2", false, "numeric"),
            new Field("mobile", "手机号码", "MOBILE", null, "L4", false, "text"),
            new Field("verified", "已核验", "BOOLEAN", null, "L2", false, "boolean"),
            new Field("address", "居住地址", "STRING", 50, "L3", false, "text"));

    /** 苏州市's districts and county-level cities, and a few places migrants come from. */
    private static final String[] REGIONS = {"320505", "320506", "320507", "320508", "320509", "320581", "320582",
            "320583", "320585", "340102", "410105", "510104", "320102", "330106"};
    private static final String[] DISTRICTS = {"虎丘区", "吴中区", "相城区", "姑苏区", "吴江区", "常熟市", "张家港市", "昆山市", "太仓市"};
    private static final String[] ROADS = {"人民路", "干将路", "东吴北路", "长江路", "金鸡湖大道", "星湖街", "苏州大道东", "南环西路",
            "娄江路", "塘北路", "松陵大道", "嘉陵江路", "通园路", "友新路", "盘胥路", "石湖西路"};
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华建国志红文辉玉兰俊峰婷雪梅鑫浩宇欣怡子涵思远晨阳嘉琪";

    /** Birth dates span 98 years from this day; 1,000 sequence numbers per region and day. */
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1926, 1, 1);
    private static final long SPACE = 36_000L * 1_000L;
    /** Coprime to SPACE (2^8·3^2·5^6): i -> i·STEP mod SPACE is a bijection, so the first N images are distinct. */
    private static final long STEP = 7_919_153L;

    private PeopleCsv() {}

    /** What was written. */
    record Written(Path file, long rows, long bytes, long millis) {}

    static String header() {
        return String.join(",", FIELDS.stream().map(Field::name).toList());
    }

    /** Writes {@code rows} rows after the header to {@code file}. */
    static Written write(Path file, long rows, long seed) throws IOException {
        if (rows > SPACE) throw new IllegalArgumentException("at most " + SPACE + " rows");
        long start = System.nanoTime();
        var random = new SplittableRandom(seed);
        long firstDay = FIRST_BIRTH.toEpochDay();
        try (var out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
            out.write(header());
            out.write('\n');
            var row = new StringBuilder(160);
            var first17 = new StringBuilder(17);
            for (long i = 0; i < rows; i++) {
                long p = Math.floorMod(i * STEP, SPACE);
                var birth = LocalDate.ofEpochDay(firstDay + p / 1000);
                first17.setLength(0);
                first17.append(REGIONS[(int) (i % REGIONS.length)]).append(birth.getYear());
                two(first17, birth.getMonthValue());
                two(first17, birth.getDayOfMonth());
                long seq = p % 1000;
                first17.append((char) ('0' + seq / 100)).append((char) ('0' + seq / 10 % 10)).append((char) ('0' + seq % 10));
                row.setLength(0);
                row.append(first17).append(ResidentIdNumber.checkCharacter(first17.toString())).append(',');
                row.append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
                int given = 1 + random.nextInt(2);
                for (int g = 0; g < given; g++) row.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
                row.append(',').append(birth).append(',');
                row.append(random.nextInt(100_000)).append(',');
                if (random.nextInt(50) != 0) {
                    int cents = random.nextInt(10_000_000);
                    row.append(cents / 100).append('.');
                    two(row, cents % 100);
                }
                row.append(",1").append((char) ('3' + random.nextInt(7)));
                for (int d = 0; d < 9; d++) row.append((char) ('0' + random.nextInt(10)));
                row.append(',').append(random.nextBoolean()).append(',');
                row.append(DISTRICTS[random.nextInt(DISTRICTS.length)]).append(ROADS[random.nextInt(ROADS.length)])
                        .append(1 + random.nextInt(999)).append('号').append('\n');
                out.append(row);
            }
        }
        return new Written(file, rows, Files.size(file), (System.nanoTime() - start) / 1_000_000);
    }

    private static void two(StringBuilder out, int n) {
        out.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
}
