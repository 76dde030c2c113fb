package org.citydata.kernel.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Guesses how a department's text file is written, from its first bytes: the encoding (UTF-8 with or without BOM, or
 * GB18030, which reads GBK and GB2312 too) and, for delimited files, the delimiter. A person sees the guess and can
 * override it; the guess only has to be right for the files departments really send.
 */
public final class TextSniffer {

    public static final Charset GB18030 = Charset.forName("GB18030");
    private static final char[] DELIMITERS = {',', '\t', ';', '|'};
    private static final int SAMPLE_LINES = 50;

    /** What was detected. {@code bomLength} bytes at the start are the byte order mark, to be skipped. */
    public record Sniffed(Charset charset, int bomLength, char delimiter) {

        public String charsetLabel() {
            if (charset.equals(StandardCharsets.UTF_8)) return bomLength > 0 ? "UTF-8 (BOM)" : "UTF-8";
            return charset.name();
        }
    }

    private TextSniffer() {}

    /** Sniffs a sample from the start of a file (64 KiB is plenty); a sample cut inside a character is fine. */
    public static Sniffed sniff(byte[] sample) {
        Charset charset;
        int bom = 0;
        if (sample.length >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB && (sample[2] & 0xFF) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
        } else if (decodes(sample, StandardCharsets.UTF_8)) {
            charset = StandardCharsets.UTF_8; // ASCII is UTF-8 too
        } else {
            charset = GB18030;
        }
        String text = new String(sample, bom, sample.length - bom, charset);
        return new Sniffed(charset, bom, delimiter(text));
    }

    /** Whether the bytes are well-formed in the charset; an incomplete character at the very end is forgiven. */
    static boolean decodes(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var in = ByteBuffer.wrap(bytes);
        var out = CharBuffer.allocate(bytes.length + 16);
        // endOfInput false: a character cut by the sample's end waits for more input instead of being malformed
        CoderResult result = decoder.decode(in, out, false);
        return !result.isError();
    }

    /**
     * The candidate that splits the sampled lines into the same number (at least two) of columns most often,
     * quotes respected; a comma when nothing fits (a one-column file).
     */
    static char delimiter(String text) {
        String[] lines = text.split("\r?\n", SAMPLE_LINES + 1);
        int n = Math.min(lines.length, SAMPLE_LINES);
        if (n > 1 && lines.length <= SAMPLE_LINES) n--; // the sample's last line may be cut short
        char best = ',';
        int bestScore = 0;
        for (char d : DELIMITERS) {
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) counts[i] = count(lines[i], d);
            if (counts.length == 0 || counts[0] == 0) continue;
            int consistent = (int) Arrays.stream(counts).filter(c -> c == counts[0]).count();
            int score = consistent * 1000 + counts[0];
            if (score > bestScore) {
                bestScore = score;
                best = d;
            }
        }
        return best;
    }

    private static int count(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == delimiter && !quoted) count++;
        }
        return count;
    }
}
