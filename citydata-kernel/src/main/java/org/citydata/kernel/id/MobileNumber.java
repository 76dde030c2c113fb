package org.citydata.kernel.id;

import java.util.Optional;
import java.util.regex.Pattern;

/** A mainland China mobile number: eleven digits starting 13–19, written with or without +86 and separators. */
public final class MobileNumber {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-()]");

    private MobileNumber() {}

    /** The bare eleven digits, or empty when the text is not a mainland mobile number. */
    public static Optional<String> normalize(String text) {
        if (text == null) return Optional.empty();
        if (isBare(text)) return Optional.of(text); // the common case, without regular expressions
        String s = SEPARATORS.matcher(text.strip()).replaceAll("");
        if (s.startsWith("+86")) s = s.substring(3);
        else if (s.startsWith("0086")) s = s.substring(4);
        else if (s.length() == 13 && s.startsWith("86")) s = s.substring(2);
        return MOBILE.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    }

    private static boolean isBare(String s) {
        if (s.length() != 11 || s.charAt(0) != '1' || s.charAt(1) < '3' || s.charAt(1) > '9') return false;
        for (int i = 2; i < 11; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    public static boolean isValid(String text) {
        return normalize(text).isPresent();
    }
}
