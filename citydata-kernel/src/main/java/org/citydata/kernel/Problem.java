package org.citydata.kernel;

import java.util.List;

/**
 * An expected failure, carried as a value. {@code code} is stable (clients switch on it); the human text is looked
 * up from the code and {@code args} in the caller's language, so the kernel stays free of any message bundle.
 */
public record Problem(Kind kind, String code, List<Object> args, List<Violation> violations) {

    /** How a failure maps onto a protocol status; the code says precisely what went wrong. */
    public enum Kind { INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, GONE, TOO_LARGE, TOO_MANY, UNAVAILABLE }

    public Problem {
        args = List.copyOf(args);
        violations = List.copyOf(violations);
    }

    public static Problem of(Kind kind, String code, Object... args) {
        return new Problem(kind, code, List.of(args), List.of());
    }

    public static Problem invalid(String code, List<Violation> violations) {
        return new Problem(Kind.INVALID, code, List.of(violations.size()), violations);
    }

    public static Problem notFound(String code, Object what) {
        return of(Kind.NOT_FOUND, code, what);
    }

    public static Problem forbidden(String code, Object... args) {
        return of(Kind.FORBIDDEN, code, args);
    }

    public static Problem conflict(String code, Object... args) {
        return of(Kind.CONFLICT, code, args);
    }
}
