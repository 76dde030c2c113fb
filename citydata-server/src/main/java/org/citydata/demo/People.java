package org.citydata.demo;

import java.time.LocalDate;
import java.time.Period;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.citydata.kernel.id.ResidentIdNumber;

/**
 * The demo city's residents. Person {@code n} is always the same person (name, birth date, identity number, home), so
 * one resident can turn up in several departments' data, as in a real city.
 */
final class People {

    /** A resident: identity number after GB 11643 (region, birth date, sequence odd for men, check character). */
    record Person(int index, String name, boolean male, LocalDate birthDate, String idNumber, SuzhouPlaces.Place home) {

        String genderCode() {
            return male ? "1" : "2";
        }

        int age(LocalDate on) {
            return Period.between(birthDate, on).getYears();
        }

        String surname() {
            return name.substring(0, 1);
        }
    }

    /** Five-year age groups 0-4 … 80-84 and 85+, shares in per mille: a 苏州-like pyramid, older in the middle. */
    static final String[] AGE_GROUPS = {"0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
            "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85+"};
    static final int[] AGE_WEIGHTS = {38, 50, 55, 50, 56, 72, 96, 98, 80, 76, 75, 70, 61, 50, 38, 22, 13, 10};

    private static final String[] SURNAMES = {"王", "张", "陈", "李", "周", "徐", "朱", "沈", "顾", "陆", "吴", "钱", "孙", "杨",
            "刘", "黄", "蒋", "金", "许", "潘", "范", "姚", "胡", "赵", "郑", "马", "唐", "曹", "戴", "袁", "蔡", "何", "高", "俞",
            "邵", "汤", "薛", "吕", "严", "倪", "季", "冯", "龚", "殷", "邹", "葛", "缪", "浦", "钟", "褚"};
    private static final int[] SURNAME_WEIGHTS = {60, 50, 50, 45, 35, 35, 30, 30, 28, 28, 28, 20, 20, 20, 22, 18, 15, 14, 14,
            12, 10, 10, 10, 14, 8, 8, 8, 8, 8, 8, 8, 8, 8, 6, 6, 8, 6, 6, 6, 6, 6, 6, 5, 5, 6, 5, 4, 4, 4, 3};
    private static final String MALE = "伟强磊军勇杰涛明斌辉建华国平峰林刚健亮波海东文俊志荣新春龙兵";
    private static final String MALE_YOUNG = "浩宇轩泽睿博晨皓子一嘉逸鑫航辰昊铭楷瑞煜天佑俊哲阳宸景熙霖钧";
    private static final String FEMALE = "芳娜敏静丽艳娟霞燕玲婷红萍琴英梅琳洁慧倩雪华秀凤兰莉颖蓉晶莹";
    private static final String FEMALE_YOUNG = "欣怡梦佳萱雨涵悦彤诗思语可馨妍琪婧若一汐然紫瑶甜诺菲悠依蕊晗";

    private final SuzhouPlaces places;
    private final long seed;
    private final LocalDate asOf;

    People(SuzhouPlaces places, long seed, LocalDate asOf) {
        this.places = places;
        this.seed = seed;
        this.asOf = asOf;
    }

    Person person(int index) {
        var random = new Random(seed * 1_000_003L + index);
        return person(index, random, age(random));
    }

    /** Residents aged {@code minAge} to {@code maxAge}, in order from {@code start}: the same residents for the same arguments. */
    Stream<Person> aged(int start, int minAge, int maxAge) {
        // the age is the first thing drawn for a resident, so the others are skipped without being made
        return IntStream.iterate(start, i -> i + 1)
                .filter(i -> {
                    int age = age(new Random(seed * 1_000_003L + i));
                    return age >= minAge && age <= maxAge + 1; // born up to a year before the drawn age's birthday
                })
                .mapToObj(this::person)
                .filter(p -> p.age(asOf) >= minAge && p.age(asOf) <= maxAge);
    }

    private static int age(RandomGenerator random) {
        int group = Pick.weighted(random, AGE_WEIGHTS);
        return group == AGE_GROUPS.length - 1 ? Pick.between(random, 85, 99) : group * 5 + random.nextInt(5);
    }

    /** A resident made to order (a newborn, a parent of a given age), not one of the numbered ones. */
    Person born(RandomGenerator random, int age, boolean male) {
        return person(-1, random, age, male);
    }

    private Person person(int index, RandomGenerator random, int age) {
        return person(index, random, age, random.nextBoolean());
    }

    private Person person(int index, RandomGenerator random, int age, boolean male) {
        LocalDate birth = asOf.minusYears(age).minusDays(random.nextInt(365));
        var home = places.place(random);
        // most residents' numbers were issued here; newcomers keep the code of where they were first registered
        String region = Pick.chance(random, 0.8) ? home.district().code() : places.countyElsewhere(random);
        return new Person(index, name(random, male, birth.getYear() >= 2000), male, birth, idNumber(random, region, birth, male), home);
    }

    static String idNumber(RandomGenerator random, String region, LocalDate birth, boolean male) {
        int sequence = 1 + random.nextInt(499) * 2; // odd: 1 … 997
        if (!male) sequence += 1;                    // even: 2 … 998
        String first17 = region + birth.toString().replace("-", "") + (sequence < 10 ? "00" : sequence < 100 ? "0" : "") + sequence;
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /** A common surname and one or two given characters, in the fashion of the person's generation. */
    static String name(RandomGenerator random, boolean male, boolean young) {
        String chars = male ? (young ? MALE_YOUNG : MALE) : (young ? FEMALE_YOUNG : FEMALE);
        var name = new StringBuilder(Pick.weighted(random, SURNAMES, SURNAME_WEIGHTS));
        name.append(chars.charAt(random.nextInt(chars.length())));
        if (Pick.chance(random, 0.7)) {
            char second = chars.charAt(random.nextInt(chars.length()));
            if (second != name.charAt(name.length() - 1)) name.append(second);
        }
        return name.toString();
    }

    static String surnameName(RandomGenerator random, String surname, boolean male, boolean young) {
        return surname + name(random, male, young).substring(1);
    }
}
