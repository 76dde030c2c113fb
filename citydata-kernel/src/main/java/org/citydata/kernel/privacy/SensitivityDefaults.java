package org.citydata.kernel.privacy;

import java.util.Locale;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.quality.ValueKind;

/**
 * The masking a field gets when its steward has set a sensitivity level but no rule of their own.
 *
 * <pre>
 * level   kind                                      rule
 * L1, L2  any                                       clear
 * L3      person name                               keep(1,0)   张*, 欧阳**
 *         resident ID                               keep(6,4)   address code and last four: 320505********123X
 *         mobile                                    keep(3,4)   138****5678
 *         bank card                                 keep(0,4)   last four, as on receipts
 *         date, timestamp                           year
 *         anything else (credit code, e-mail, ...)  mask
 * L4      resident ID, credit code, mobile,         hash        a stable pseudonym, so records can still be joined
 *         e-mail, bank card
 *         anything else                             mask
 * </pre>
 *
 * L3 follows the displays common in Chinese government systems; L4 shows nothing of the value itself.
 */
public final class SensitivityDefaults {

    private SensitivityDefaults() {}

    /** The default for a field known only by its type. */
    public static Result<Masking> ruleFor(String level, ValueKind kind) {
        return ruleFor(level, kind, PiiKind.of(kind).orElse(null));
    }

    /** The default for a field a steward or {@link PiiDetector} has marked as personal data of a kind. */
    public static Result<Masking> ruleFor(String level, PiiKind pii) {
        return ruleFor(level, null, pii);
    }

    private static Result<Masking> ruleFor(String level, ValueKind kind, PiiKind pii) {
        String l = level == null ? "" : level.strip().toUpperCase(Locale.ROOT);
        return switch (l) {
            case "L1", "L2" -> Result.ok(Masking.CLEAR);
            case "L3" -> Result.ok(level3(kind, pii));
            case "L4" -> Result.ok(pii != null && pii != PiiKind.PERSON_NAME ? Masking.HASH : Masking.MASK);
            default -> Result.failure(Problem.of(Problem.Kind.INVALID, "sensitivity.level", String.valueOf(level)));
        };
    }

    private static Masking level3(ValueKind kind, PiiKind pii) {
        if (pii == PiiKind.PERSON_NAME) return new Masking.Keep(1, 0);
        if (pii == PiiKind.RESIDENT_ID) return new Masking.Keep(6, 4);
        if (pii == PiiKind.MOBILE) return new Masking.Keep(3, 4);
        if (pii == PiiKind.BANK_CARD) return new Masking.Keep(0, 4);
        if (kind == ValueKind.DATE || kind == ValueKind.TIMESTAMP) return Masking.YEAR;
        return Masking.MASK;
    }
}
