package org.citydata.kernel;

import java.util.function.Function;

/** The outcome of an operation that can fail in expected ways: a value, or a {@link Problem}. */
public sealed interface Result<T> {

    record Ok<T>(T value) implements Result<T> {}

    record Failure<T>(Problem problem) implements Result<T> {}

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> failure(Problem problem) {
        return new Failure<>(problem);
    }

    default boolean succeeded() {
        return this instanceof Ok;
    }

    /** The value; call only after {@link #succeeded()} (a failure here is a programming error). */
    default T value() {
        if (this instanceof Ok<T> ok) return ok.value();
        throw new IllegalStateException("no value: " + ((Failure<T>) this).problem().code());
    }

    default Problem problem() {
        if (this instanceof Failure<T> f) return f.problem();
        throw new IllegalStateException("not a failure");
    }

    default <R> Result<R> map(Function<? super T, ? extends R> f) {
        return this instanceof Ok<T> ok ? ok(f.apply(ok.value())) : failure(problem());
    }

    default <R> Result<R> flatMap(Function<? super T, Result<R>> f) {
        return this instanceof Ok<T> ok ? f.apply(ok.value()) : failure(problem());
    }
}
