package org.citydata.audit.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Locale;
import org.citydata.audit.AccessLog;
import org.citydata.audit.AccessRecords;
import org.citydata.catalog.Catalog;
import org.citydata.identity.Actor;
import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.platform.web.PageController;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 数据查询留痕 for the people and companies the data is about: after identifying with a resident ID or a unified
 * social credit code, a visitor sees every read of the platform's data that concerned it (and every refused attempt
 * to look it up): which department and application, for which end user and purpose, when, which fields, each with the
 * proof that the record is in the signed log.
 *
 * <p>Identification is a demonstration: the number alone, checked only for its check character. A real deployment
 * puts the city's unified identity service (统一身份认证) in front of it, or turns it off with
 * {@code citydata.audit.subject-demo-login=false}.
 */
@PageController
class SubjectPages {

    static final String SESSION_KEY = "citydata.subject";
    private static final int PAGE = 50;

    /** Whom the visitor identified as. */
    record Subject(String kind, String id) implements java.io.Serializable {

        /** The number with its middle hidden, as it is shown back: 320505********123X. */
        String shown() {
            return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
        }
    }

    private final AccessRecords records;
    private final AccessLog log;
    private final Catalog catalog;
    private final RecordViews views;
    private final boolean demoLogin;

    SubjectPages(AccessRecords records, AccessLog log, Catalog catalog, RecordViews views,
                 @Value("${citydata.audit.subject-demo-login:true}") boolean demoLogin) {
        this.records = records;
        this.log = log;
        this.catalog = catalog;
        this.views = views;
        this.demoLogin = demoLogin;
    }

    @GetMapping("/my/access")
    String history(HttpSession session, @RequestParam(defaultValue = "0") int page, Model model) {
        var subject = (Subject) session.getAttribute(SESSION_KEY);
        model.addAttribute("demoLogin", demoLogin);
        if (subject == null) return "audit/subject-login";
        var found = records.concerning(log.subjectHash(subject.id()), page, PAGE);
        model.addAttribute("subject", subject.kind() + ":" + subject.shown());
        model.addAttribute("records", found.records());
        model.addAttribute("page", found.page());
        model.addAttribute("hasNext", found.hasNext());
        model.addAttribute("departmentNames", views.departmentNames());
        var resourceNames = new HashMap<String, String>();
        for (var r : found.records()) {
            if (r.resourceCode() == null || resourceNames.containsKey(r.resourceCode())) continue;
            var resource = catalog.get(Actor.system(0), r.resourceCode());
            resourceNames.put(r.resourceCode(), resource.succeeded() ? resource.value().metadata().name() : r.resourceCode());
        }
        model.addAttribute("resourceNames", resourceNames);
        return "audit/subject-history";
    }

    @GetMapping("/my/access/{seq}")
    String record(HttpSession session, @PathVariable long seq, Model model) {
        var subject = (Subject) session.getAttribute(SESSION_KEY);
        if (subject == null) return "redirect:/my/access";
        model.addAttribute("subject", subject.kind() + ":" + subject.shown());
        views.addRecord(model, unwrap(records.concerning(log.subjectHash(subject.id()), seq)));
        return "audit/subject-record";
    }

    @PostMapping("/my/login")
    String login(@RequestParam(defaultValue = "") String id, HttpServletRequest request, RedirectAttributes redirect) {
        if (!demoLogin) return "redirect:/my/access";
        String number = id.strip().toUpperCase(Locale.ROOT);
        String kind = number.length() == 18 && ResidentIdNumber.isValid(number) ? "RESIDENT_ID"
                : number.length() == 18 && CreditCode.isValid(number) ? "CREDIT_CODE" : null;
        if (kind == null) {
            redirect.addFlashAttribute("invalid", true);
            return "redirect:/my/access";
        }
        request.getSession(true);
        request.changeSessionId(); // a new identity, a new session id
        request.getSession().setAttribute(SESSION_KEY, new Subject(kind, number));
        return "redirect:/my/access";
    }

    @PostMapping("/my/logout")
    String logout(HttpSession session) {
        session.removeAttribute(SESSION_KEY);
        return "redirect:/my/access";
    }

}
