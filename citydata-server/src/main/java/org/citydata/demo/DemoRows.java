package org.citydata.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;

/**
 * Rows for the demo city's resources, made up but lifelike: names, identity numbers and credit codes with valid check
 * characters, addresses on real roads of real 苏州 streets and towns, codes and figures that fit each field. Each
 * resource has a recipe; a resource without one gets plausible values by field type. Deterministic: the same seed and
 * as-of day always give the same rows.
 */
final class DemoRows {

    /** One resource's rows: a recipe fills each row by field name; what it leaves out is filled by field type. */
    interface Recipe {
        List<Map<String, String>> rows(Draw draw);
    }

    /**
     * A resource's rows in field order, as CSV text would hold them; {@code badRows} are the positions of the rows
     * spoiled on purpose (a wrong check character, an impossible date), which a load must quarantine.
     */
    record Table(List<FieldSpec> fields, List<List<String>> rows, List<Integer> badRows) {

        /** UTF-8 CSV with the field names as header. */
        byte[] csv() {
            var out = new StringWriter(rows.size() * 120);
            try (var printer = CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                    .setHeader(fields.stream().map(FieldSpec::name).toArray(String[]::new)).get().print(out)) {
                for (var row : rows) printer.printRecord(row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private final long seed;
    private final LocalDate asOf;
    private final SuzhouPlaces places;
    private final People people;
    private final Companies companies;
    private final Map<String, Recipe> recipes = new HashMap<>();

    DemoRows(SuzhouPlaces places, long seed, LocalDate asOf) {
        this.seed = seed;
        this.asOf = asOf;
        this.places = places;
        this.people = new People(places, seed, asOf);
        this.companies = new Companies(places, seed, asOf);
        recipes.putAll(PersonRecipes.all());
        recipes.putAll(EntityRecipes.all());
        recipes.putAll(StatisticsRecipes.all());
    }

    boolean hasRecipe(String resource) {
        return recipes.containsKey(resource);
    }

    Table table(String resource, List<FieldSpec> fields, int badRows) {
        var draw = new Draw(seed, resource, places, people, companies, asOf);
        var recipe = recipes.getOrDefault(resource, d -> byType(d, fields));
        var keys = fields.stream().filter(FieldSpec::key).map(FieldSpec::name).toList();
        var seen = new HashSet<List<String>>();
        var rows = new ArrayList<List<String>>();
        for (var values : recipe.rows(draw)) {
            var row = new ArrayList<String>(fields.size());
            for (var f : fields) row.add(fit(f, values.containsKey(f.name()) ? values.get(f.name()) : byType(draw, f)));
            var key = keys.stream().map(k -> row.get(indexOf(fields, k))).toList();
            // a key must be present and unique, or the whole load is refused; a recipe's rare repeat is dropped
            if (key.stream().anyMatch(v -> v == null || v.isBlank()) || !seen.add(key)) continue;
            rows.add(row);
        }
        return new Table(List.copyOf(fields), rows, spoil(draw, fields, rows, badRows));
    }

    /** Spoils {@code count} rows: an identifier's check character or a date, the mistakes typed data really has. */
    private static List<Integer> spoil(Draw draw, List<FieldSpec> fields, List<List<String>> rows, int count) {
        var targets = new ArrayList<Integer>();
        for (int i = 0; i < fields.size(); i++)
            if (fields.get(i).type() == FieldType.RESIDENT_ID || fields.get(i).type() == FieldType.CREDIT_CODE) targets.add(i);
        for (int i = 0; i < fields.size(); i++) if (fields.get(i).type() == FieldType.DATE) targets.add(i);
        var spoiled = new TreeSet<Integer>();
        if (targets.isEmpty() || rows.isEmpty()) return List.of();
        for (int attempt = 0; spoiled.size() < Math.min(count, rows.size()) && attempt < 1000; attempt++) {
            int at = draw.random.nextInt(rows.size());
            int field = targets.get(spoiled.size() % targets.size());
            String value = rows.get(at).get(field);
            if (value == null || value.isEmpty() || !spoiled.add(at)) continue;
            rows.get(at).set(field, switch (fields.get(field).type()) {
                case DATE -> value.substring(0, 5) + "02-30";
                case RESIDENT_ID -> value.substring(0, 17) + (value.charAt(17) == '1' ? '2' : '1');
                default -> value.substring(0, 17) + (value.charAt(17) == 'A' ? 'B' : 'A');
            });
        }
        return List.copyOf(spoiled);
    }

    private static int indexOf(List<FieldSpec> fields, String name) {
        for (int i = 0; i < fields.size(); i++) if (fields.get(i).name().equals(name)) return i;
        throw new IllegalArgumentException(name);
    }

    /** Text longer than the field allows is cut, so a recipe never sends a value its field refuses. */
    private static String fit(FieldSpec f, String value) {
        if (value == null || f.length() == null || f.type() != FieldType.STRING) return value;
        return value.codePointCount(0, value.length()) <= f.length() ? value : value.substring(0, value.offsetByCodePoints(0, f.length()));
    }

    /** Rows for a resource without a recipe: 60–120, every field by its type. */
    private static List<Map<String, String>> byType(Draw draw, List<FieldSpec> fields) {
        int n = draw.between(60, 120);
        var rows = new ArrayList<Map<String, String>>(n);
        for (int i = 0; i < n; i++) {
            var row = draw.row();
            for (var f : fields) row.put(f.name(), f.key() && f.type() == FieldType.STRING ? keyText(f, i) : byType(draw, f));
            rows.add(row);
        }
        return rows;
    }

    /** A serial as a text key, zero-padded to the field's length (at most eight digits). */
    private static String keyText(FieldSpec f, int i) {
        String n = Integer.toString(i + 1);
        int width = Math.min(f.length() == null ? 8 : f.length(), 8);
        return "0".repeat(Math.max(0, width - n.length())) + n;
    }

    /** A plausible value for a field nobody wrote a recipe for. */
    static String byType(Draw draw, FieldSpec f) {
        return switch (f.type()) {
            case RESIDENT_ID -> draw.residents(1, 18, 80).get(0).idNumber();
            case CREDIT_CODE -> draw.companies(1).get(0).creditCode();
            case MOBILE -> mobile(draw);
            case DATE -> draw.yearsAgo(0, 10).toString();
            case TIMESTAMP -> Draw.time(draw.moment(draw.asOf.minusDays(365), draw.asOf));
            case INTEGER -> Integer.toString(draw.between(0, 1000));
            case DECIMAL -> Draw.decimal(draw.random.nextDouble() * 1000, 2);
            case BOOLEAN -> Boolean.toString(draw.chance(0.5));
            case STRING -> text(draw, f);
        };
    }

    private static String text(Draw draw, FieldSpec f) {
        String label = f.label() == null ? "" : f.label();
        if (label.contains("地址") || label.contains("位置") || label.contains("坐落")) return draw.places.place(draw.random).address();
        if (label.contains("区划") || label.contains("区县")) return draw.places.anyDistrict(draw.random).code();
        if (label.contains("姓名")) return People.name(draw.random, draw.chance(0.5), false);
        if (label.contains("手机") || label.contains("电话")) return mobile(draw);
        int length = f.length() == null ? 20 : f.length();
        if (length <= 2) return draw.one("1", "2");
        return label.length() + 2 <= length ? label + draw.between(1, 99) : draw.digits(Math.min(length, 8));
    }

    /** A mobile number with a prefix the carriers use (移动, 联通, 电信, 广电). */
    static String mobile(Draw draw) {
        String prefix = draw.one("134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159", "172",
                "178", "182", "183", "184", "187", "188", "195", "198", "130", "131", "132", "155", "156", "166", "175", "176",
                "185", "186", "196", "133", "149", "153", "173", "177", "180", "181", "189", "190", "191", "193", "199", "192");
        return prefix + draw.digits(8);
    }
}
