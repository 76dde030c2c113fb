package org.citydata.kernel.privacy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.MobileNumber;
import org.citydata.kernel.id.ResidentIdNumber;

/**
 * Looks at a sample of one column's values and says whether they are personal or identifying data of a known kind,
 * so a steward starts from a proposed sensitivity instead of a blank form.
 *
 * <p>A kind is detected when at least 80% of the non-blank values match it; a little dirt in a column of ID numbers
 * should not hide them. Values are matched by their own rules, not by looks: resident IDs need a valid check
 * character and birth date, credit codes both check characters, bank cards (16–19 digits, spaces and hyphens
 * allowed) the Luhn check and must not be a resident ID. When several kinds reach the threshold the higher share
 * wins, ties going to the kind listed first in {@link PiiKind}.
 *
 * <p>Proposed sensitivities ({@link PiiKind#proposedSensitivity()}): L4 for resident IDs and bank cards, which
 * identify a person on their own and open accounts; L3 for mobiles and e-mail addresses, which identify a person but
 * are routinely shared; L2 for credit codes, which identify organisations and are public in the enterprise credit
 * register.
 */
public final class PiiDetector {

    /** The share of non-blank values that must match. */
    public static final double THRESHOLD = 0.8;
    // deliberately loose: a plausible address, not RFC 5322
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern CARD_SEPARATORS = Pattern.compile("[\\s-]");
    private static final Pattern CARD_DIGITS = Pattern.compile("\\d{16,19}");

    /**
     * What a column sample showed.
     *
     * @param kind     the detected kind, empty when none reached the threshold
     * @param share    the share of non-blank values matching the detected kind, or the best kind when none was detected
     * @param nonBlank how many non-blank values were looked at
     */
    public record Detection(Optional<PiiKind> kind, double share, int nonBlank) {

        /** The sensitivity level to propose for the field, empty when nothing was detected. */
        public Optional<String> proposedSensitivity() {
            return kind.map(PiiKind::proposedSensitivity);
        }
    }

    private PiiDetector() {}

    public static Detection detect(List<String> values) {
        Map<PiiKind, Integer> matches = new EnumMap<>(PiiKind.class);
        int nonBlank = 0;
        for (String value : values) {
            if (value == null || value.isBlank()) continue;
            nonBlank++;
            String s = value.strip();
            for (PiiKind kind : PiiKind.values()) if (matches(kind, s)) matches.merge(kind, 1, Integer::sum);
        }
        PiiKind best = null;
        int bestCount = 0;
        for (var e : matches.entrySet()) { // EnumMap iterates in declaration order, so ties keep the earlier kind
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        double share = nonBlank == 0 ? 0 : (double) bestCount / nonBlank;
        boolean detected = best != null && share >= THRESHOLD;
        return new Detection(detected ? Optional.of(best) : Optional.empty(), share, nonBlank);
    }

    static boolean matches(PiiKind kind, String s) {
        return switch (kind) {
            case PERSON_NAME -> false; // not recognisable by form
            case RESIDENT_ID -> ResidentIdNumber.isValid(s);
            case CREDIT_CODE -> CreditCode.isValid(s);
            case MOBILE -> MobileNumber.isValid(s);
            case EMAIL -> EMAIL.matcher(s).matches();
            case BANK_CARD -> isBankCard(s);
        };
    }

    private static boolean isBankCard(String s) {
        String digits = CARD_SEPARATORS.matcher(s).replaceAll("");
        return CARD_DIGITS.matcher(digits).matches() && luhn(digits) && !ResidentIdNumber.isValid(digits);
    }

    /** The Luhn check (ISO/IEC 7812): double every second digit from the right, the sum must end in 0. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
