package org.citydata.opendata.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.citydata.opendata.Developer;
import org.citydata.opendata.Developers;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * The developer signed in on the portal's pages: its number in the HTTP session, nothing else. This is not the console's
 * Spring Security login (a developer is no console user and holds no role); it lives beside it in the same session, as
 * 数据查询留痕 keeps its subject. The account is read again on every request that asks, so a developer the bureau
 * disables is signed out at its next page, and a renamed one shows its new name.
 */
@Component
class PortalSession {

    static final String SESSION_KEY = "citydata.developer";
    private static final String ATTRIBUTE = PortalSession.class.getName();

    private final Developers developers;
    /** The console's CSRF token store (Spring Security's default): cleared at sign-in, so the token changes with the id. */
    private final HttpSessionCsrfTokenRepository csrf = new HttpSessionCsrfTokenRepository();

    PortalSession(Developers developers) {
        this.developers = developers;
    }

    /** The signed-in developer, if its account is still confirmed and enabled; read once per request. */
    Optional<Developer> developer(HttpServletRequest request) {
        var known = request.getAttribute(ATTRIBUTE);
        if (known instanceof Optional<?> o) return o.map(Developer.class::cast);
        var session = request.getSession(false);
        Optional<Developer> found = Optional.empty();
        if (session != null && session.getAttribute(SESSION_KEY) instanceof Long id) {
            found = developers.find(id).filter(d -> d.enabled() && d.confirmed());
            if (found.isEmpty()) session.removeAttribute(SESSION_KEY);
        }
        request.setAttribute(ATTRIBUTE, found);
        return found;
    }

    /** A new identity in this browser: a new session id (against session fixation) and a new CSRF token. */
    void signIn(Developer developer, HttpServletRequest request, HttpServletResponse response) {
        request.getSession(true);
        request.changeSessionId();
        csrf.saveToken(null, request, response);
        request.getSession().setAttribute(SESSION_KEY, developer.id());
        request.setAttribute(ATTRIBUTE, Optional.of(developer));
    }

    /** Forgets the developer only: a console login in the same browser stays. */
    void signOut(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_KEY);
            request.changeSessionId();
        }
        request.setAttribute(ATTRIBUTE, Optional.empty());
    }
}
