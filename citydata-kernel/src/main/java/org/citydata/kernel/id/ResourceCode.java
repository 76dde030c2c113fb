package org.citydata.kernel.id;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * 信息资源代码, after GB/T 21063.4 and the 政务信息资源目录编制指南: a classification part (resource type digit
 * 1 基础 / 2 主题 / 3 部门, then a two-digit theme), the provider department's code, and a six-digit sequence that is
 * unique within classification and provider. Written {@code 101-3205GA-000001}.
 */
public record ResourceCode(String classification, String provider, int sequence) {

    private static final Pattern CLASSIFICATION = Pattern.compile("[1-3]\\d{2}");
    private static final Pattern PROVIDER = Pattern.compile("[0-9A-Z]{2,20}");
    private static final Pattern WHOLE = Pattern.compile("([1-3]\\d{2})-([0-9A-Z]{2,20})-(\\d{6})");

    public ResourceCode {
        if (!CLASSIFICATION.matcher(classification).matches())
            throw new IllegalArgumentException("classification must be a type digit 1-3 and a two-digit theme: " + classification);
        if (!PROVIDER.matcher(provider).matches())
            throw new IllegalArgumentException("provider code must be 2-20 of 0-9 A-Z: " + provider);
        if (sequence < 1 || sequence > 999_999)
            throw new IllegalArgumentException("sequence must be 1..999999: " + sequence);
    }

    public static Optional<ResourceCode> parse(String text) {
        if (text == null) return Optional.empty();
        var m = WHOLE.matcher(text);
        if (!m.matches()) return Optional.empty();
        int seq = Integer.parseInt(m.group(3));
        if (seq == 0) return Optional.empty();
        return Optional.of(new ResourceCode(m.group(1), m.group(2), seq));
    }

    public static boolean isWellFormedProvider(String code) {
        return code != null && PROVIDER.matcher(code).matches();
    }

    /** The part before the sequence: sequences are counted per prefix. */
    public String prefix() {
        return classification + "-" + provider;
    }

    @Override
    public String toString() {
        return "%s-%s-%06d".formatted(classification, provider, sequence);
    }
}
