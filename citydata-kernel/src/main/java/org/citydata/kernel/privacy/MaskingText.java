package org.citydata.kernel.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;

/** Reading the stored text of a {@link Masking}; kept apart so the rule type shows only what callers use. */
final class MaskingText {

    /** Wider keeps than this are a typing mistake, not a masking rule. */
    static final int MAX_KEEP = 32;
    // a name, optionally with parenthesised arguments; the arguments are checked one by one afterwards
    private static final Pattern RULE = Pattern.compile("([a-z]+)\\s*(?:\\((.*)\\))?");
    // four digits at most, so parsing never overflows
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");

    private MaskingText() {}

    static Result<Masking> parse(String text) {
        if (text == null || text.isBlank()) return invalid("masking.blank", String.valueOf(text));
        Matcher m = RULE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) return invalid("masking.syntax", text);
        String name = m.group(1);
        int expected = switch (name) {
            case "keep" -> 2;
            case "ageband", "region" -> 1;
            case "mask", "hash", "year", "month", "null", "fpe", "clear" -> 0;
            default -> -1;
        };
        if (expected < 0) return invalid("masking.unknown", text, name);
        List<Integer> args = new ArrayList<>();
        if (m.group(2) != null) {
            for (String a : m.group(2).split(",", -1)) {
                if (!NUMBER.matcher(a.strip()).matches()) return invalid("masking.arguments", text, name, expected);
                args.add(Integer.parseInt(a.strip()));
            }
        }
        if (args.size() != expected) return invalid("masking.arguments", text, name, expected);
        try {
            return Result.ok(switch (name) {
                case "keep" -> new Masking.Keep(args.get(0), args.get(1));
                case "ageband" -> new Masking.AgeBand(args.get(0));
                case "region" -> new Masking.Region(args.get(0));
                case "mask" -> Masking.MASK;
                case "hash" -> Masking.HASH;
                case "year" -> Masking.YEAR;
                case "month" -> Masking.MONTH;
                case "null" -> Masking.NULL;
                case "fpe" -> Masking.FPE;
                default -> Masking.CLEAR;
            });
        } catch (IllegalArgumentException e) {
            return invalid("masking.range", text, name);
        }
    }

    static void requireRange(String rule, int value, int min, int max) {
        if (value < min || value > max) throw new IllegalArgumentException(rule + ": " + value + " is outside " + min + ".." + max);
    }

    private static Result<Masking> invalid(String code, Object... args) {
        return Result.failure(Problem.of(Problem.Kind.INVALID, code, args));
    }
}
