package org.citydata.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A console session carries the person as they were at sign-in. Reload them on every request, so that a disabled
 * user is out at once and changed roles or department apply to the next click, not the next login.
 */
class FreshActorFilter extends OncePerRequestFilter {

    private final AccountDetailsService accounts;

    FreshActorFilter(AccountDetailsService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ActorUser signedIn) {
            ActorUser fresh;
            try {
                fresh = (ActorUser) accounts.loadUserByUsername(signedIn.getUsername());
            } catch (UsernameNotFoundException e) {
                fresh = null;
            }
            if (fresh == null || !fresh.isEnabled()) {
                SecurityContextHolder.clearContext();
                var session = request.getSession(false);
                if (session != null) session.invalidate();
            } else {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
