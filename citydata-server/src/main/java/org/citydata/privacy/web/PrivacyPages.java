package org.citydata.privacy.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.Sensitivity;
import org.citydata.identity.Actor;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.citydata.platform.web.RequestIdFilter;
import org.citydata.privacy.PiiScan;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's detection page: proposals with their evidence, ticked and adjusted by the officer, then confirmed. */
@PageController
class PrivacyPages {

    private final Catalog catalog;
    private final PiiScan scan;
    private final Messages messages;

    PrivacyPages(Catalog catalog, PiiScan scan, Messages messages) {
        this.catalog = catalog;
        this.scan = scan;
        this.messages = messages;
    }

    @GetMapping("/resources/{code}/pii-scan")
    String proposals(Actor actor, @PathVariable String code, Model model, HttpServletRequest request) {
        model.addAttribute("r", unwrap(catalog.get(actor, code)));
        model.addAttribute("proposals", unwrap(scan.scan(actor, code, RequestIdFilter.of(request))));
        model.addAttribute("levels", Sensitivity.values());
        return "privacy/scan";
    }

    /** Each ticked {@code field} with its {@code level.<field>}. */
    @PostMapping("/resources/{code}/pii-scan/confirm")
    String confirm(Actor actor, @PathVariable String code, @RequestParam(name = "field", required = false) List<String> fields,
                   @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        var levels = new LinkedHashMap<String, Sensitivity>();
        for (String field : fields == null ? List.<String>of() : fields) levels.put(field, level(params.get("level." + field)));
        var confirmed = scan.confirm(actor, code, levels);
        if (!confirmed.succeeded()) {
            redirect.addFlashAttribute("problem", messages.problem(confirmed.problem()));
            redirect.addFlashAttribute("violations", messages.violations(confirmed.problem().violations()));
            return "redirect:/resources/" + code + "/pii-scan";
        }
        var summary = levels.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        redirect.addFlashAttribute("notice", messages.get("privacy.confirmed", levels.size(), summary));
        return "redirect:/resources/" + code;
    }

    private static Sensitivity level(String text) {
        return Arrays.stream(Sensitivity.values()).filter(s -> s.name().equals(text)).findFirst().orElse(null);
    }
}
