package org.citydata.opendata.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.citydata.kernel.Problem;
import org.citydata.opendata.RateLimits;
import org.citydata.opendata.internal.RateLimiter;
import org.citydata.platform.web.ProblemHandler;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rate limits of the open API ({@code /api/open/**}) and the CKAN-compatible API ({@code /api/3/**}): a request with a
 * key is counted against that key's bucket under its developer's tier, any other request against its client address
 * under the anonymous tier. Every answer says the limit and what is left ({@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining}); a refused one is {@code 429 OPENDATA_RATE_LIMITED} with {@code Retry-After} (seconds).
 *
 * <p>It runs right after the request id, before security and before any database work of the request, so a refused
 * request costs almost nothing. A key that is not good is answered here ({@code 401 OPENDATA_BAD_KEY}) and counted
 * against the client address, so guessing keys is as limited as anything else anonymous.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitFilter extends OncePerRequestFilter {

    private final Readers readers;
    private final RateLimits limits;
    private final ClientAddress addresses;
    private final RateLimiter limiter = new RateLimiter();
    private final ProblemHandler problems;
    private final JsonMapper json;
    private final LocaleResolver locales;

    RateLimitFilter(Readers readers, RateLimits limits, ProblemHandler problems, JsonMapper json, LocaleResolver locales) {
        this.readers = readers;
        this.limits = limits;
        this.addresses = new ClientAddress(limits.trustedProxies());
        this.problems = problems;
        this.json = json;
        this.locales = locales;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/open/") || path.startsWith("/api/3/") || path.equals("/api/3") || path.startsWith("/api/action/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var holder = readers.holder(request);
        boolean keyed = holder.succeeded() && holder.value().isPresent();
        var limit = keyed ? limits.of(holder.value().get().tier()) : limits.of(RateLimits.ANONYMOUS);
        String caller = keyed ? "key#" + holder.value().get().keyId()
                : "address " + addresses.of(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
        var decision = limiter.take(caller, limit);
        response.setHeader("X-RateLimit-Limit", String.valueOf(decision.limit()));
        response.setHeader("X-RateLimit-Remaining", String.valueOf(decision.remaining()));
        if (!decision.admitted()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()));
            write(Problem.of(Problem.Kind.TOO_MANY, "OPENDATA_RATE_LIMITED", decision.limit(), decision.retryAfterSeconds()),
                    request, response);
            return;
        }
        if (!holder.succeeded()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + Readers.KEY_HEADER + "\"");
            write(holder.problem(), request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Buckets that filled up again are forgotten: memory follows recent callers only. */
    @Scheduled(fixedDelayString = "${citydata.opendata.rate-limit-sweep:PT1M}")
    public void forgetIdle() {
        limiter.forgetIdle();
    }

    /** A problem+json from here, before Spring MVC has chosen the caller's language. */
    private void write(Problem problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var before = LocaleContextHolder.getLocaleContext();
        LocaleContextHolder.setLocale(locales.resolveLocale(request));
        try {
            response.setStatus(ProblemHandler.status(problem.kind()));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), problems.detail(problem, request));
        } finally {
            LocaleContextHolder.setLocaleContext(before);
        }
    }
}
