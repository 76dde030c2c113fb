package org.citydata.kernel.id;

import java.util.Optional;

/**
 * 统一社会信用代码 after GB 32100-2015: eighteen characters from a 31-character alphabet (digits and capitals without
 * I, O, S, V, Z): registration authority, organisation type, six-digit region code, the nine-character organisation
 * code of GB 11714 (with its own check character), and a MOD 31 check character over the first seventeen.
 */
public final class CreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORGANIZATION_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private CreditCode() {}

    /** The code of the first rule broken ({@code credit.length}, {@code credit.characters}, {@code credit.region}, {@code credit.organization_check}, {@code credit.check}), or empty. */
    public static Optional<String> problem(String text) {
        if (text == null || text.length() != 18) return Optional.of("credit.length");
        for (int i = 0; i < 18; i++) if (ALPHABET.indexOf(text.charAt(i)) < 0) return Optional.of("credit.characters");
        for (int i = 2; i < 8; i++) if (!Character.isDigit(text.charAt(i))) return Optional.of("credit.region");
        if (organizationCheck(text.substring(8, 16)) != text.charAt(16)) return Optional.of("credit.organization_check");
        if (checkCharacter(text.substring(0, 17)) != text.charAt(17)) return Optional.of("credit.check");
        return Optional.empty();
    }

    public static boolean isValid(String text) {
        return problem(text).isEmpty();
    }

    /** The MOD 31 check character over the first 17 characters. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** GB 11714's check character of the eight-character organisation code body: 0–9 or X. */
    public static char organizationCheck(String body8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body8.charAt(i);
            sum += (Character.isDigit(c) ? c - '0' : c - 'A' + 10) * ORGANIZATION_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }
}
