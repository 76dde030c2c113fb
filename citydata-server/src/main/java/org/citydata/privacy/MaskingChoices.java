package org.citydata.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.kernel.privacy.Masking;
import org.citydata.kernel.privacy.SensitivityDefaults;
import org.citydata.kernel.quality.ValueKind;

/**
 * Which masking rules a person may choose for a field when data leaves the platform (an exchange grant, an opening):
 * the rules that fit the field's type, the default its sensitivity level gives, and the one choice that needs an
 * explicit, justified confirmation — an {@code L4} field in clear.
 *
 * <pre>
 * rule            fits
 * clear, null     every type
 * mask, hash      every type but BOOLEAN (a masked "true" and "false" differ in length; two hashes tell them apart)
 * keep(n,m)       STRING, RESIDENT_ID, CREDIT_CODE, MOBILE
 * year, month     DATE, TIMESTAMP, RESIDENT_ID (the birth date in it)
 * ageband(w)      DATE, RESIDENT_ID
 * region(k)       STRING, INTEGER (administrative division codes)
 * fpe             RESIDENT_ID, CREDIT_CODE, MOBILE
 * </pre>
 *
 * Levels are the catalog's {@code L1}–{@code L4}, as text, so this stays free of any module's types.
 */
public final class MaskingChoices {

    private static final String EXAMPLE_ID = withCheck("32050519900517002");
    private static final String EXAMPLE_CREDIT_CODE = creditCode("91320505", "MA1MN7Q4");

    private MaskingChoices() {}

    public static boolean fits(Masking rule, ValueKind kind) {
        if (rule instanceof Masking.Clear || rule instanceof Masking.Nullify) return true;
        if (rule instanceof Masking.MaskAll || rule instanceof Masking.Hash) return kind != ValueKind.BOOLEAN;
        if (rule instanceof Masking.Keep) return isText(kind);
        if (rule instanceof Masking.Year || rule instanceof Masking.Month) return isDate(kind) || kind == ValueKind.RESIDENT_ID;
        if (rule instanceof Masking.AgeBand) return kind == ValueKind.DATE || kind == ValueKind.RESIDENT_ID;
        if (rule instanceof Masking.Region) return kind == ValueKind.STRING || kind == ValueKind.INTEGER;
        if (rule instanceof Masking.FormatPreserving) return isIdentifier(kind);
        return false; // a rule added to the kernel later fits nothing until it is placed here
    }

    /**
     * What a field of this type and level gets unless someone chooses otherwise: the kernel's sensitivity default
     * ({@link SensitivityDefaults}), or {@code null} where that default does not fit the type. An unknown level counts as
     * {@code L4}: a field nobody classified is not let out in clear.
     */
    public static Masking defaultFor(ValueKind kind, String level) {
        var rule = SensitivityDefaults.ruleFor(level, kind);
        if (!rule.succeeded()) rule = SensitivityDefaults.ruleFor("L4", kind);
        return fits(rule.value(), kind) ? rule.value() : Masking.NULL;
    }

    /**
     * The rules a form offers for a field, weakest first, with the field's default among them. Parametrised rules come
     * in the variants people use; other parameters are still accepted where {@link #fits} says so.
     */
    public static List<Masking> offered(ValueKind kind, String level) {
        var rules = new ArrayList<Masking>();
        rules.add(Masking.CLEAR);
        switch (kind) {
            case STRING -> {
                rules.add(new Masking.Keep(1, 0));
                rules.add(new Masking.Keep(1, 1));
                rules.add(new Masking.Region(6));
                rules.add(new Masking.Region(4));
            }
            case INTEGER -> {
                rules.add(new Masking.Region(6));
                rules.add(new Masking.Region(4));
            }
            case DATE -> {
                rules.add(Masking.MONTH);
                rules.add(Masking.YEAR);
                rules.add(new Masking.AgeBand(5));
                rules.add(new Masking.AgeBand(10));
            }
            case TIMESTAMP -> {
                rules.add(Masking.MONTH);
                rules.add(Masking.YEAR);
            }
            case RESIDENT_ID -> {
                rules.add(new Masking.Keep(6, 4));
                rules.add(new Masking.Keep(6, 0));
                rules.add(Masking.YEAR);
                rules.add(new Masking.AgeBand(10));
                rules.add(Masking.FPE);
            }
            case CREDIT_CODE -> {
                rules.add(new Masking.Keep(8, 0));
                rules.add(new Masking.Keep(0, 4));
                rules.add(Masking.FPE);
            }
            case MOBILE -> {
                rules.add(new Masking.Keep(3, 4));
                rules.add(new Masking.Keep(3, 0));
                rules.add(Masking.FPE);
            }
            case DECIMAL, BOOLEAN -> { }
        }
        if (kind != ValueKind.BOOLEAN) {
            rules.add(Masking.HASH);
            rules.add(Masking.MASK);
        }
        rules.add(Masking.NULL);
        var fallback = defaultFor(kind, level);
        if (!rules.contains(fallback)) rules.add(1, fallback);
        return List.copyOf(rules);
    }

    /** {@code clear} on an {@code L4} field (or one of unknown level): allowed only with a confirmation and a written reason. */
    public static boolean needsConfirmation(Masking rule, String level) {
        return rule instanceof Masking.Clear && !isBelowL4(level);
    }

    /** A made-up value of the type, to show what a rule does before anyone chooses it. */
    public static String example(ValueKind kind) {
        return switch (kind) {
            case STRING -> "欧阳小明";
            case INTEGER -> "320505";
            case DECIMAL -> "12345.67";
            case BOOLEAN -> "true";
            case DATE -> "1990-05-17";
            case TIMESTAMP -> "2024-05-17 08:30:00";
            case RESIDENT_ID -> EXAMPLE_ID;
            case CREDIT_CODE -> EXAMPLE_CREDIT_CODE;
            case MOBILE -> "13812345678";
        };
    }

    private static boolean isBelowL4(String level) {
        String l = level == null ? "" : level.strip().toUpperCase(Locale.ROOT);
        return l.equals("L1") || l.equals("L2") || l.equals("L3");
    }

    private static boolean isText(ValueKind kind) {
        return kind == ValueKind.STRING || isIdentifier(kind);
    }

    private static boolean isIdentifier(ValueKind kind) {
        return kind == ValueKind.RESIDENT_ID || kind == ValueKind.CREDIT_CODE || kind == ValueKind.MOBILE;
    }

    private static boolean isDate(ValueKind kind) {
        return kind == ValueKind.DATE || kind == ValueKind.TIMESTAMP;
    }

    private static String withCheck(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static String creditCode(String first8, String body8) {
        String first17 = first8 + body8 + CreditCode.organizationCheck(body8);
        return first17 + CreditCode.checkCharacter(first17);
    }
}
