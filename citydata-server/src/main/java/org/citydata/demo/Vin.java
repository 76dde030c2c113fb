package org.citydata.demo;

import java.util.random.RandomGenerator;

/**
 * 车辆识别代号 (GB 16735, after ISO 3779): maker prefix (WMI), five descriptive characters, a check character, model
 * year, plant, and a six-digit serial. The check character is the weighted sum of the others' values modulo 11 (X for 10).
 */
final class Vin {

    private static final String CHARACTERS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"; // no I, O or Q
    private static final String VALUES = "12345678123457923456789";         // A … Z, as the standard transliterates them
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final String YEARS = "ABCDEFGHJKLMNPRSTVWXY123456789"; // 2010 … 2039 (the 30-year cycle)

    private Vin() {}

    static String make(RandomGenerator random, String wmi, int modelYear) {
        var vin = new StringBuilder(wmi);
        while (vin.length() < 8) vin.append(CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
        vin.append('0'); // the check character's place, filled below
        vin.append(YEARS.charAt(Math.floorMod(modelYear - 2010, 30)));
        vin.append(CHARACTERS.charAt(random.nextInt(23))); // plant: a letter
        for (int i = 0; i < 6; i++) vin.append(random.nextInt(10));
        vin.setCharAt(8, check(vin));
        return vin.toString();
    }

    static char check(CharSequence vin) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += value(vin.charAt(i)) * WEIGHTS[i];
        int r = sum % 11;
        return r == 10 ? 'X' : (char) ('0' + r);
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        return VALUES.charAt(CHARACTERS.indexOf(c)) - '0';
    }
}
