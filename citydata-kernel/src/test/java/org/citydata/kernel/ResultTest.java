package org.citydata.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResultTest {

    @Test
    void mapAppliesOnlyToSuccess() {
        assertThat(Result.ok(2).map(x -> x * 3).value()).isEqualTo(6);
        Result<Integer> failed = Result.failure(Problem.notFound("X_NOT_FOUND", "a"));
        assertThat(failed.map(x -> x * 3).problem().code()).isEqualTo("X_NOT_FOUND");
        assertThat(failed.succeeded()).isFalse();
    }

    @Test
    void flatMapChainsAndStopsAtTheFirstFailure() {
        Result<Integer> r = Result.ok(1)
                .flatMap(x -> Result.<Integer>failure(Problem.conflict("X_CONFLICT")))
                .flatMap(x -> Result.ok(x + 1));
        assertThat(r.problem().kind()).isEqualTo(Problem.Kind.CONFLICT);
    }

    @Test
    void valueOfAFailureIsAProgrammingError() {
        assertThatThrownBy(() -> Result.failure(Problem.forbidden("X_DENIED")).value())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("X_DENIED");
    }
}
