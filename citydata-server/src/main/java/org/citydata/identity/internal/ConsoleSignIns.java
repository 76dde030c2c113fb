package org.citydata.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.citydata.identity.SignInGuard;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's form sign-in under {@link SignInGuard}: an attempt on a locked account is turned back to
 * {@code /login?locked=<minutes>} before any password is checked, a wrong password is counted, the right one clears the
 * count. Counted by account only, not by address: behind the city's proxy every officer may share one address, and one
 * guesser must not lock all of them out.
 */
final class ConsoleSignIns {

    private final SignInGuard guard;

    ConsoleSignIns(SignInGuard guard) {
        this.guard = guard;
    }

    private static String account(HttpServletRequest request) {
        String name = request.getParameter("username");
        return "user:" + (name == null ? "" : name.strip().toLowerCase(Locale.ROOT));
    }

    /** The login page saying how many minutes to wait, while the account is locked; else null. */
    private String lockedPage(HttpServletRequest request) {
        return guard.refusal(account(request), null).map(p -> "/login?locked=" + p.args().get(0)).orElse(null);
    }

    /** Before Spring Security's own sign-in filter. */
    OncePerRequestFilter lock() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !"POST".equals(request.getMethod()) || !request.getServletPath().equals("/login");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                var locked = lockedPage(request);
                if (locked != null) response.sendRedirect(request.getContextPath() + locked);
                else chain.doFilter(request, response);
            }
        };
    }

    AuthenticationFailureHandler failure() {
        return (request, response, e) -> {
            // a disabled account with the right password is no guess
            if (e instanceof BadCredentialsException) guard.failed(account(request), null);
            var locked = lockedPage(request);
            response.sendRedirect(request.getContextPath() + (locked != null ? locked : "/login?error"));
        };
    }

    AuthenticationSuccessHandler success() {
        var then = new SavedRequestAwareAuthenticationSuccessHandler();
        then.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            guard.succeeded(account(request));
            then.onAuthenticationSuccess(request, response, authentication);
        };
    }
}
