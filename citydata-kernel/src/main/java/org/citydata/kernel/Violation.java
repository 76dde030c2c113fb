package org.citydata.kernel;

import java.util.List;

/**
 * One broken rule on one input place. {@code field} names the place (a property path such as {@code fields[2].name},
 * or a spreadsheet cell such as {@code 资源!B7}); {@code code} names the rule; {@code args} fill the message.
 */
public record Violation(String field, String code, List<Object> args) {

    public Violation {
        args = List.copyOf(args);
    }

    public static Violation of(String field, String code, Object... args) {
        return new Violation(field, code, List.of(args));
    }
}
