package org.citydata.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.citydata.demo.Companies.Company;
import org.citydata.demo.People.Person;

/**
 * What a recipe draws a resource's rows from: its own seeded generator, the city's places, residents and companies,
 * and the day the demo data is "as of". Values come out as a CSV file would hold them.
 */
final class Draw {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final RandomGenerator random;
    final SuzhouPlaces places;
    final People people;
    final Companies companies;
    final LocalDate asOf;
    private final long seed;

    Draw(long seed, String resource, SuzhouPlaces places, People people, Companies companies, LocalDate asOf) {
        this.seed = seed;
        this.random = random(seed, resource);
        this.places = places;
        this.people = people;
        this.companies = companies;
        this.asOf = asOf;
    }

    /** A generator of its own for a list several recipes share (schools, hospitals): the same list for each of them. */
    RandomGenerator randomFor(String name) {
        return random(seed, name);
    }

    private static RandomGenerator random(long seed, String name) {
        return new Random(seed * 31 + name.hashCode()); // String.hashCode is specified, so the same on every JVM
    }

    Map<String, String> row() {
        return new LinkedHashMap<>();
    }

    int between(int from, int to) {
        return Pick.between(random, from, to);
    }

    boolean chance(double p) {
        return Pick.chance(random, p);
    }

    @SafeVarargs
    final <T> T one(T... items) {
        return Pick.one(random, items);
    }

    <T> T one(List<T> items) {
        return Pick.one(random, items);
    }

    <T> T weighted(T[] items, int... weights) {
        return Pick.weighted(random, items, weights);
    }

    /** {@code count} residents aged {@code minAge} to {@code maxAge}, different people, starting somewhere in the first thousands. */
    List<Person> residents(int count, int minAge, int maxAge) {
        var seen = new java.util.HashSet<String>();
        return people.aged(random.nextInt(3000), minAge, maxAge).filter(p -> seen.add(p.idNumber())).limit(count).toList();
    }

    /** {@code count} different companies of the kinds (any kind when none is given). */
    List<Company> companies(int count, Companies.Kind... kinds) {
        var seen = new java.util.HashSet<String>();
        return companies.of(random.nextInt(800), kinds).filter(c -> seen.add(c.creditCode())).limit(count).toList();
    }

    LocalDate date(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(random.nextLong(days + 1));
    }

    /** A day in the last {@code fromYears} to {@code toYears} years before the as-of day. */
    LocalDate yearsAgo(double fromYears, double toYears) {
        return date(asOf.minusDays((long) (toYears * 365)), asOf.minusDays((long) (fromYears * 365)));
    }

    LocalDateTime moment(LocalDate from, LocalDate to) {
        return date(from, to).atTime(random.nextInt(24), random.nextInt(60), random.nextInt(60));
    }

    static String time(LocalDateTime t) {
        return t.format(TIMESTAMP);
    }

    static String decimal(double value, int scale) {
        return String.format(Locale.ROOT, "%." + scale + "f", value);
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    String digits(int n) {
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(random.nextInt(10));
        return sb.toString();
    }

    /** A lower-case hexadecimal identifier, as systems write record numbers. */
    String hex(int n) {
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(Character.forDigit(random.nextInt(16), 16));
        return sb.toString();
    }

    /** A value around {@code mean}, normally spread, never below {@code min}. */
    double around(double mean, double spread, double min) {
        return Math.max(min, mean + random.nextGaussian() * spread);
    }
}
