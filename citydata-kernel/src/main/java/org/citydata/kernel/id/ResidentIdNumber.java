package org.citydata.kernel.id;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * 公民身份号码 after GB 11643-1999: six digits of address code (GB/T 2260), eight of birth date, three of sequence
 * (odd for men), and an ISO 7064 MOD 11-2 check character (0–9 or X).
 *
 * <p>The address code is the one in force when the number was issued; districts are renamed and merged, so a valid
 * number may carry a code the current division list no longer has. {@link #problem(String)} therefore checks the
 * province part only; callers holding a fuller list of historical codes pass it to {@link #problem(String, Predicate)}.
 */
public final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();
    /** GB/T 2260 province-level codes, including Taiwan (71), Hong Kong (81) and Macao (82). */
    private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
            "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
            "65", "71", "81", "82");
    // the standard's own example was born in 1880; records of the deceased reach further back than the living
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1850, 1, 1);

    private ResidentIdNumber() {}

    /** The code of the first rule the text breaks ({@code id.length}, {@code id.characters}, {@code id.region}, {@code id.birth_date}, {@code id.check}), or empty when valid. */
    public static Optional<String> problem(String text) {
        return problem(text, code -> PROVINCES.contains(code.substring(0, 2)));
    }

    public static Optional<String> problem(String text, Predicate<String> knownRegion) {
        return problem(text, knownRegion, LocalDate.now());
    }

    static Optional<String> problem(String text, Predicate<String> knownRegion, LocalDate today) {
        if (text == null || text.length() != 18) return Optional.of("id.length");
        for (int i = 0; i < 17; i++) if (!isDigit(text.charAt(i))) return Optional.of("id.characters");
        char last = Character.toUpperCase(text.charAt(17));
        if (!isDigit(last) && last != 'X') return Optional.of("id.characters");
        if (!knownRegion.test(text.substring(0, 6))) return Optional.of("id.region");
        var birth = birthDate(text);
        if (birth.isEmpty() || birth.get().isBefore(EARLIEST_BIRTH) || birth.get().isAfter(today)) return Optional.of("id.birth_date");
        if (checkCharacter(text.substring(0, 17)) != last) return Optional.of("id.check");
        return Optional.empty();
    }

    public static boolean isValid(String text) {
        return problem(text).isEmpty();
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        return CHECK[sum % 11];
    }

    public static Optional<LocalDate> birthDate(String text) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(text.substring(6, 10)), Integer.parseInt(text.substring(10, 12)),
                    Integer.parseInt(text.substring(12, 14))));
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
