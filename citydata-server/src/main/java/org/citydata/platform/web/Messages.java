package org.citydata.platform.web;

import java.util.List;
import java.util.Locale;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Violation;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Turns problem and violation codes into text in the request's language (Chinese unless English is chosen). */
@Component
public class Messages {

    private final MessageSource source;

    Messages(MessageSource source) {
        this.source = source;
    }

    public String get(String key, Object... args) {
        return source.getMessage(key, args, key, locale());
    }

    public String problem(Problem problem) {
        return source.getMessage("problem." + problem.code(), problem.args().toArray(), problem.code(), locale());
    }

    public String violation(Violation v) {
        return source.getMessage("violation." + v.code(), v.args().toArray(), v.code(), locale());
    }

    public List<ViolationView> violations(List<Violation> violations) {
        return violations.stream().map(v -> new ViolationView(v.field(), v.code(), violation(v))).toList();
    }

    /** A masking rule in words: {@code keep(3,4)} → 保留前 3 位、后 4 位. */
    public String masking(String ruleText) {
        String name = ruleText.contains("(") ? ruleText.substring(0, ruleText.indexOf('(')) : ruleText;
        Object[] args = ruleText.contains("(")
                ? java.util.Arrays.stream(ruleText.substring(ruleText.indexOf('(') + 1, ruleText.length() - 1).split(",")).map(String::strip).toArray()
                : new Object[0];
        return get("masking." + name, args);
    }

    public static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    public record ViolationView(String field, String code, String message) {}
}
