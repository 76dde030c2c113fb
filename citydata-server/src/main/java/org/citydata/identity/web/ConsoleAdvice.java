package org.citydata.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Departments;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.citydata.platform.web.ProblemHandler;
import org.citydata.identity.internal.CurrentActor;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in person into every console page (the header shows who and which department). */
@ControllerAdvice(annotations = PageController.class, assignableTypes = ErrorController.class)
class ConsoleAdvice {

    /** {@code accessLog}: whether the 访问留痕 pages have records for them (the navigation shows it then). */
    record Me(String name, String displayName, String departmentName, boolean admin, boolean accessLog) {}

    private final Departments departments;
    private final AccessPolicy policy;

    ConsoleAdvice(Departments departments, AccessPolicy policy) {
        this.departments = departments;
        this.policy = policy;
    }

    @ModelAttribute("me")
    Me me(HttpServletRequest request) {
        if (ProblemHandler.isApi(request)) return null;
        Actor actor = CurrentActor.get().orElse(null);
        if (actor == null) return null;
        var dept = departments.find(actor.departmentId()).map(d -> d.name(Messages.locale())).orElse("");
        return new Me(actor.name(), actor.displayName(), dept, actor.has(org.citydata.identity.Role.PLATFORM_ADMIN),
                policy.canSeeAccessRecordsOf(actor, actor.departmentId()));
    }
}
