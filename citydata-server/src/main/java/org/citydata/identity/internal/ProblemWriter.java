package org.citydata.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.citydata.kernel.Problem;
import org.citydata.platform.web.ProblemHandler;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem+json from inside the security filters, where no controller advice reaches. */
@Component
class ProblemWriter {

    private final ProblemHandler handler;
    private final JsonMapper json;
    private final LocaleResolver locales;

    ProblemWriter(ProblemHandler handler, JsonMapper json, LocaleResolver locales) {
        this.handler = handler;
        this.json = json;
        this.locales = locales;
    }

    void write(Problem problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(ProblemHandler.status(problem.kind()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        // the filters run before Spring MVC has chosen the caller's language
        LocaleContextHolder.setLocale(locales.resolveLocale(request));
        if (problem.kind() == Problem.Kind.UNAUTHENTICATED) response.setHeader("WWW-Authenticate", "Bearer");
        json.writeValue(response.getOutputStream(), handler.detail(problem, request));
    }
}
