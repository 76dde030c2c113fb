package org.citydata.opendata.web;

import jakarta.servlet.http.HttpServletRequest;
import org.citydata.opendata.Developer;
import org.citydata.platform.web.PageController;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the developer signed in on the portal into every portal page: the header shows its name, keys and sign-out. */
@ControllerAdvice(annotations = PageController.class, assignableTypes = ErrorController.class)
class PortalAdvice {

    private final PortalSession session;

    PortalAdvice(PortalSession session) {
        this.session = session;
    }

    @ModelAttribute("portalDeveloper")
    Developer portalDeveloper(HttpServletRequest request) {
        // only the portal's pages show it; elsewhere (the console, the APIs) nothing is looked up
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!(path.equals("/open") || path.startsWith("/open/"))) return null;
        return session.developer(request).orElse(null);
    }
}
