package org.citydata.platform.web;

import java.util.Map;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;

/** Carries an expected failure from a controller to {@link ProblemHandler}; the edge is the only place it is thrown. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, Object> extras;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    /** {@code extras} become further members of the problem+json body (e.g. an import's full report). */
    public ProblemException(Problem problem, Map<String, Object> extras) {
        super(problem.code(), null, false, false);
        this.problem = problem;
        this.extras = Map.copyOf(extras);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, Object> extras() {
        return extras;
    }

    /** The value of a result, or the problem thrown to the web edge. */
    public static <T> T unwrap(Result<T> result) {
        if (result instanceof Result.Ok<T> ok) return ok.value();
        throw new ProblemException(result.problem());
    }
}
