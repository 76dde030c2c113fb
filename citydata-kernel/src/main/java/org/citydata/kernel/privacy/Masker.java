package org.citydata.kernel.privacy;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.MobileNumber;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.kernel.quality.ValueKind;

/**
 * Applies a {@link Masking} to one value. Null stays null; every other value comes out hidden as the rule says, and
 * a value a rule cannot read (a date rule on "unknown", {@code fpe} on a malformed ID) comes out as {@code mask}
 * would give it: a rule that does not fit never lets the value through.
 *
 * <p>Choices worth knowing:
 * <ul>
 * <li>{@code mask} keeps the length, one {@code *} per character (code point), as Chinese government systems
 *     commonly display masked fields; the length of a name or an ID number is rarely a secret.</li>
 * <li>{@code keep(n,m)} counts code points, so 张三 becomes 张* and 欧阳娜娜 under keep(2,1) becomes 欧阳*娜. When
 *     the value has no more than n+m characters, so that the rule would hide nothing, fewer are kept: less than half,
 *     taken from the start first. A one-character value becomes {@code *}.</li>
 * <li>{@code hash} is HMAC-SHA256 of the value's UTF-8 bytes under the platform key, the first 64 bits as 16 lowercase
 *     hex characters: the same value gives the same pseudonym on the whole platform, so joins still work, and no one
 *     without the key can test a guess.</li>
 * <li>{@code fpe} gives a pseudonym that passes the same validation as the original:
 *     <ul>
 *     <li>resident ID: the six-digit address code and the sex (parity of the 17th digit) are kept; birth date (a day
 *         in 1930–2009) and sequence number come from an HMAC of the first 17 digits; the check character is
 *         recomputed. Age and sequence are therefore hidden, region and sex analyses still work.</li>
 *     <li>credit code: registration authority, organisation type and region code (the first eight characters) are
 *         kept; the eight-character organisation code body comes from an HMAC, and both check characters are
 *         recomputed.</li>
 *     <li>mobile: the three-digit network prefix is kept, the other eight digits come from an HMAC.</li>
 *     </ul>
 *     The mapping is not reversible without the key and is not guaranteed injective; collisions are rare (the
 *     pseudonym space is at least ten million per kept prefix).</li>
 * </ul>
 *
 * <p>A Masker holds no mutable state and may be shared between threads.
 */
public final class Masker {

    /** Shorter platform keys would let an attacker brute-force pseudonyms back to values. */
    private static final int MIN_KEY_BYTES = 16;
    private static final int HASH_HEX_CHARS = 16;
    // pseudonymous birth dates fall in a fixed past range, so they stay valid whatever day it is
    private static final LocalDate PSEUDONYM_BIRTH_FROM = LocalDate.of(1930, 1, 1);
    private static final long PSEUDONYM_BIRTH_DAYS = ChronoUnit.DAYS.between(PSEUDONYM_BIRTH_FROM, LocalDate.of(2010, 1, 1));
    /** GB 32100's alphabet (digits and capitals without I, O, S, V, Z). */
    private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final Pattern DASHED_DATE = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?:[T ].*)?");
    private static final Pattern BASIC_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    private final Clock clock;
    private final Hmac hmac;

    /**
     * @param key   the platform secret for {@code hash} and {@code fpe}, at least 16 bytes; copied
     * @param clock "today" for {@code ageband}
     */
    public Masker(byte[] key, Clock clock) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) throw new IllegalArgumentException("masking key needs at least " + MIN_KEY_BYTES + " bytes");
        this.hmac = new Hmac(key);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The day {@code ageband} counts ages to, so that a rendering of the rules elsewhere (SQL) counts to the same day. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Masks a value whose field kind is unknown; {@code fpe} then recognises the identifier by its form. */
    public String apply(Masking rule, String value) {
        return apply(rule, value, null);
    }

    /**
     * @param kind the field's type; for {@code fpe} a RESIDENT_ID, CREDIT_CODE or MOBILE field only accepts values of
     *             that kind, any other (or null) lets the value's form decide
     */
    public String apply(Masking rule, String value, ValueKind kind) {
        Objects.requireNonNull(rule, "rule");
        if (value == null) return null;
        if (rule instanceof Masking.Clear) return value;
        if (rule instanceof Masking.Nullify) return null;
        if (rule instanceof Masking.MaskAll) return mask(value);
        if (rule instanceof Masking.Keep keep) return keep(value, keep.first(), keep.last());
        if (rule instanceof Masking.Hash) return hash(value);
        if (rule instanceof Masking.Year) return date(value).map(d -> digits(d.getYear(), 4)).orElseGet(() -> mask(value));
        if (rule instanceof Masking.Month) {
            return date(value).map(d -> digits(d.getYear(), 4) + "-" + digits(d.getMonthValue(), 2)).orElseGet(() -> mask(value));
        }
        if (rule instanceof Masking.AgeBand band) return ageBand(value, band.width());
        if (rule instanceof Masking.Region region) return region(value, region.digits());
        if (rule instanceof Masking.FormatPreserving) return formatPreserving(value, kind);
        throw new IllegalStateException("unhandled masking rule " + rule.text());
    }

    private static String mask(String value) {
        return "*".repeat(value.codePointCount(0, value.length()));
    }

    private static String keep(String value, int first, int last) {
        int[] cps = value.codePoints().toArray();
        int length = cps.length;
        if (first + last >= length) {
            // the rule would show everything: show less than half instead
            int budget = (length - 1) / 2;
            first = Math.min(first, budget);
            last = Math.min(last, budget - first);
        }
        var out = new StringBuilder(value.length());
        for (int i = 0; i < first; i++) out.appendCodePoint(cps[i]);
        out.append("*".repeat(length - first - last));
        for (int i = length - last; i < length; i++) out.appendCodePoint(cps[i]);
        return out.toString();
    }

    private String hash(String value) {
        return HexFormat.of().formatHex(hmac.of(value)).substring(0, HASH_HEX_CHARS);
    }

    /** Dates as departments write them (2024-05-17, 2024/5/17, 20240517, timestamps), or a resident ID's birth date. */
    private static Optional<LocalDate> date(String value) {
        String s = value.strip();
        if (ResidentIdNumber.isValid(s)) return ResidentIdNumber.birthDate(s);
        Matcher m = DASHED_DATE.matcher(s);
        if (!m.matches()) m = BASIC_DATE.matcher(s);
        if (!m.matches()) return Optional.empty();
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private String ageBand(String value, int width) {
        LocalDate today = today();
        Optional<LocalDate> birth = date(value).filter(d -> !d.isAfter(today));
        if (birth.isEmpty()) return mask(value);
        int age = Period.between(birth.get(), today).getYears();
        int low = age / width * width;
        return width == 1 ? Integer.toString(low) : low + "-" + (low + width - 1);
    }

    /** A code at or above the requested level is already as coarse as asked and is returned as it is. */
    private static String region(String value, int digits) {
        String s = value.strip();
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) return mask(value);
        if (s.length() <= digits) return s;
        return s.substring(0, digits) + "0".repeat(s.length() - digits);
    }

    private String formatPreserving(String value, ValueKind kind) {
        String s = value.strip();
        boolean any = kind != ValueKind.RESIDENT_ID && kind != ValueKind.CREDIT_CODE && kind != ValueKind.MOBILE;
        if ((any || kind == ValueKind.RESIDENT_ID) && ResidentIdNumber.isValid(s)) return residentId(s.toUpperCase(Locale.ROOT));
        if ((any || kind == ValueKind.CREDIT_CODE) && CreditCode.isValid(s)) return creditCode(s);
        if (any || kind == ValueKind.MOBILE) {
            Optional<String> mobile = MobileNumber.normalize(s);
            if (mobile.isPresent()) return mobile(mobile.get());
        }
        return mask(value);
    }

    private String residentId(String id) {
        // the prefix keeps pseudonyms of different kinds apart even for equal input text
        ByteBuffer h = ByteBuffer.wrap(hmac.of("fpe:resident-id:" + id.substring(0, 17)));
        LocalDate birth = PSEUDONYM_BIRTH_FROM.plusDays(Long.remainderUnsigned(h.getLong(0), PSEUDONYM_BIRTH_DAYS));
        int sex = (id.charAt(16) - '0') % 2;
        int sequence = (int) Long.remainderUnsigned(h.getLong(8), 500) * 2 + sex;
        String first17 = id.substring(0, 6) + digits(birth.getYear(), 4) + digits(birth.getMonthValue(), 2)
                + digits(birth.getDayOfMonth(), 2) + digits(sequence, 3);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private String creditCode(String code) {
        ByteBuffer h = ByteBuffer.wrap(hmac.of("fpe:credit-code:" + code.substring(0, 17)));
        var body = new StringBuilder(8);
        // four HMAC bytes per character, so the modulo's bias is negligible
        for (int i = 0; i < 8; i++) {
            int index = (int) (Integer.toUnsignedLong(h.getInt(i * 4)) % CREDIT_ALPHABET.length());
            body.append(CREDIT_ALPHABET.charAt(index));
        }
        String first17 = code.substring(0, 8) + body + CreditCode.organizationCheck(body.toString());
        return first17 + CreditCode.checkCharacter(first17);
    }

    private String mobile(String number) {
        ByteBuffer h = ByteBuffer.wrap(hmac.of("fpe:mobile:" + number));
        return number.substring(0, 3) + digits(Long.remainderUnsigned(h.getLong(0), 100_000_000L), 8);
    }

    /** {@code n} in decimal, zero-padded to {@code width} digits (String.format costs more than the rest of a mask). */
    private static String digits(long n, int width) {
        String s = Long.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
