package org.citydata.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * The one place where failures become responses: RFC 9457 problem+json with a stable {@code code} under
 * {@code /api}, the error page in the console.
 */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Messages messages;
    private final DataSize uploadLimit;

    ProblemHandler(Messages messages, @Value("${spring.servlet.multipart.max-file-size}") DataSize uploadLimit) {
        this.messages = messages;
        this.uploadLimit = uploadLimit;
    }

    @ExceptionHandler(ProblemException.class)
    Object problem(ProblemException e, HttpServletRequest request) {
        Object response = respond(e.problem(), request);
        if (response instanceof ResponseEntity<?> entity && entity.getBody() instanceof ProblemDetail detail)
            e.extras().forEach(detail::setProperty);
        return response;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        // Name where the JSON broke: clients fix a line and column, not "bad request"
        String where = e.getCause() instanceof JacksonException je && je.getLocation() != null
                ? "line " + je.getLocation().getLineNr() + ", column " + je.getLocation().getColumnNr()
                : "body";
        String what = e.getCause() instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
        return respond(Problem.of(Problem.Kind.INVALID, "REQUEST_MALFORMED_JSON", where, what), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return respond(Problem.of(Problem.Kind.INVALID, "REQUEST_INVALID_PARAMETER", e.getName(),
                String.valueOf(e.getValue())), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    Object missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return respond(Problem.of(Problem.Kind.INVALID, "REQUEST_MISSING_PARAMETER", e.getParameterName()), request);
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    Object missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        return respond(Problem.of(Problem.Kind.INVALID, "REQUEST_MISSING_PARAMETER", e.getRequestPartName()), request);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        // the servlet container reports -1; the configured limit is what the caller needs to know
        long limit = e.getMaxUploadSize() > 0 ? e.getMaxUploadSize() : uploadLimit.toBytes();
        return respond(Problem.of(Problem.Kind.TOO_LARGE, "REQUEST_TOO_LARGE", limit), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    Object mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(Problem.of(Problem.Kind.INVALID, "REQUEST_UNSUPPORTED_MEDIA_TYPE",
                String.valueOf(e.getContentType())), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        var detail = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage());
        detail.setProperty("code", "REQUEST_METHOD_NOT_ALLOWED");
        return ResponseEntity.status(405).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object noResource(NoResourceFoundException e, HttpServletRequest request) {
        return respond(Problem.notFound("NOT_FOUND", request.getRequestURI()), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    Object denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(Problem.forbidden("ACCESS_DENIED"), request);
    }

    public Object respond(Problem problem, HttpServletRequest request) {
        if (isApi(request)) return ResponseEntity.status(status(problem.kind()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(problem, request));
        var page = new ModelAndView("error", HttpStatus.valueOf(status(problem.kind())));
        page.addObject("code", problem.code());
        page.addObject("message", messages.problem(problem));
        page.addObject("violations", messages.violations(problem.violations()));
        page.addObject("status", status(problem.kind()));
        return page;
    }

    public ProblemDetail detail(Problem problem, HttpServletRequest request) {
        var detail = ProblemDetail.forStatus(status(problem.kind()));
        detail.setType(URI.create("urn:citydata:problem:" + problem.code()));
        detail.setTitle(messages.get("problem.kind." + problem.kind()));
        detail.setDetail(messages.problem(problem));
        detail.setInstance(URI.create(request.getRequestURI()));
        detail.setProperty("code", problem.code());
        detail.setProperty("requestId", RequestIdFilter.of(request));
        if (!problem.violations().isEmpty()) detail.setProperty("violations", violations(problem.violations()));
        if (problem.kind() == Problem.Kind.INVALID || problem.kind() == Problem.Kind.NOT_FOUND) {
            log.debug("{} {}: {}", request.getMethod(), request.getRequestURI(), problem.code());
        } else {
            log.info("{} {}: {}", request.getMethod(), request.getRequestURI(), problem.code());
        }
        return detail;
    }

    private List<Map<String, String>> violations(List<Violation> violations) {
        return messages.violations(violations).stream()
                .map(v -> Map.of("field", v.field(), "code", v.code(), "message", v.message()))
                .toList();
    }

    public static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    public static int status(Problem.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
            case TOO_LARGE -> 413;
            case TOO_MANY -> 429;
            case UNAVAILABLE -> 503;
        };
    }
}
