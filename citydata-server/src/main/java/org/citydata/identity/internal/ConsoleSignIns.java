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
                var locked = guard.refusal(account(request), null);
                if (locked.isPresent()) response.sendRedirect(request.getContextPath() + "/login?locked=" + locked.get().args().get(0));
                else chain.doFilter(request, response);
            }
        };
    }

    AuthenticationFailureHandler failure() {
        return (request, response, e) -> {
            // a disabled account with the right password is no guess
            if (e instanceof BadCredentialsException) guard.failed(account(request), null);
            var locked = guard.refusal(account(request), null);
            String page = locked.isPresent() ? "/login?locked=" + locked.get().args().get(0) : "/login?error";
            response.sendRedirect(request.getContextPath() + page);
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
