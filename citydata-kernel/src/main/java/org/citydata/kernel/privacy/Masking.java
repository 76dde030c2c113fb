package org.citydata.kernel.privacy;

import org.citydata.kernel.Result;

/**
 * How one field's values are hidden before they leave the platform. A rule is stored as a short text that
 * {@link #text()} prints and {@link #parse(String)} reads back; the texts are a stable storage format, so a new kind
 * of rule gets a new name rather than changing an old one.
 *
 * <pre>
 * keep(n,m)   first n and last m characters kept, the middle as *   (138****5678, 张*)
 * mask        every character as *
 * hash        keyed HMAC-SHA256 pseudonym, 16 hex characters
 * year        a date as its year only                                 (1990)
 * month       a date as year and month                                (1990-05)
 * ageband(w)  a birth date as an age band w years wide                (30-39)
 * region(k)   an administrative code's first k digits, the rest zero  (320500 for 320505)
 * null        no value at all
 * fpe         a keyed pseudonym in the value's own format (resident ID, credit code, mobile), check characters valid
 * clear       the value unchanged
 * </pre>
 */
public sealed interface Masking {

    Masking MASK = new MaskAll();
    Masking HASH = new Hash();
    Masking YEAR = new Year();
    Masking MONTH = new Month();
    Masking NULL = new Nullify();
    Masking FPE = new FormatPreserving();
    Masking CLEAR = new Clear();

    /** The stored form, e.g. {@code keep(3,4)}. */
    String text();

    record Keep(int first, int last) implements Masking {
        public Keep {
            MaskingText.requireRange("keep", first, 0, MaskingText.MAX_KEEP);
            MaskingText.requireRange("keep", last, 0, MaskingText.MAX_KEEP);
        }

        public String text() {
            return "keep(" + first + "," + last + ")";
        }
    }

    record MaskAll() implements Masking {
        public String text() {
            return "mask";
        }
    }

    record Hash() implements Masking {
        public String text() {
            return "hash";
        }
    }

    record Year() implements Masking {
        public String text() {
            return "year";
        }
    }

    record Month() implements Masking {
        public String text() {
            return "month";
        }
    }

    record AgeBand(int width) implements Masking {
        public AgeBand {
            MaskingText.requireRange("ageband", width, 1, 100);
        }

        public String text() {
            return "ageband(" + width + ")";
        }
    }

    /** GB/T 2260 codes have 6 digits (county), statistical division codes 12 (village); k counts from the left. */
    record Region(int digits) implements Masking {
        public Region {
            MaskingText.requireRange("region", digits, 1, 12);
        }

        public String text() {
            return "region(" + digits + ")";
        }
    }

    record Nullify() implements Masking {
        public String text() {
            return "null";
        }
    }

    record FormatPreserving() implements Masking {
        public String text() {
            return "fpe";
        }
    }

    record Clear() implements Masking {
        public String text() {
            return "clear";
        }
    }

    /**
     * Reads a stored rule. Case and spaces around names and numbers are forgiven; anything else fails with one of
     * {@code masking.blank}, {@code masking.syntax}, {@code masking.unknown}, {@code masking.arguments} or
     * {@code masking.range}, the offending text as the first argument.
     */
    static Result<Masking> parse(String text) {
        return MaskingText.parse(text);
    }
}
