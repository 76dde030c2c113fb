package org.citydata.opendata.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.citydata.catalog.OpenType;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Violation;
import org.citydata.opendata.ApiKeys;
import org.citydata.opendata.Developer;
import org.citydata.opendata.DeveloperForm;
import org.citydata.opendata.Developers;
import org.citydata.opendata.Mailer;
import org.citydata.opendata.OpenData;
import org.citydata.opendata.Opening;
import org.citydata.opendata.Openings;
import org.citydata.opendata.RateLimits;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.citydata.platform.web.RequestIdFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * 开发者 on the portal: register, confirm the address, sign in, and manage API keys — the same services as the
 * developer API ({@link DevelopersApi}), with a portal session ({@link PortalSession}) instead of HTTP Basic on each call.
 * Every form carries the session's CSRF token, as the session is a cookie a forged form would send.
 *
 * <p>The mailed confirmation link opens a page that only shows a button: mail clients and scanners fetch links to
 * preview them, and such a GET must not use up the single-use token. Registering and asking for a new confirmation mail
 * send mail, so they are limited per client like the portal's other public forms.
 */
@PageController
@RequestMapping("/open/developers")
class DeveloperPages {

    private final Developers developers;
    private final ApiKeys keys;
    private final RateLimits limits;
    private final Openings openings;
    private final OpenData openData;
    private final PortalSession session;
    private final Readers readers;
    private final Messages messages;
    private final MailLimit mailLimit;
    private final Mailer mailer;

    DeveloperPages(Developers developers, ApiKeys keys, RateLimits limits, Openings openings, OpenData openData,
                   PortalSession session, Readers readers, Messages messages, Mailer mailer, MailLimit mailLimit) {
        this.developers = developers;
        this.keys = keys;
        this.limits = limits;
        this.openings = openings;
        this.openData = openData;
        this.session = session;
        this.readers = readers;
        this.messages = messages;
        this.mailLimit = mailLimit;
        this.mailer = mailer;
    }

    // ------------------------------------------------------------------ registration

    @GetMapping("/register")
    String registerForm(Model model) {
        model.addAttribute("fieldErrors", Map.of());
        return "portal/developer-register";
    }

    @PostMapping("/register")
    String register(@RequestParam(required = false) String email, @RequestParam(required = false) String password,
                    @RequestParam(required = false) String passwordRepeat, @RequestParam(required = false) String displayName,
                    @RequestParam(required = false) String organisation, HttpServletRequest request, Model model,
                    RedirectAttributes redirect) {
        var form = new DeveloperForm(email, password, displayName, organisation);
        Problem problem;
        Optional<Problem> refused;
        if (!Objects.equals(password, passwordRepeat))
            problem = Problem.invalid("OPENDATA_INVALID_DEVELOPER", List.of(Violation.of("passwordRepeat", "opendata.password_repeat")));
        else if ((refused = mailLimit.refusal(readers.client(request), email)).isPresent())
            problem = refused.get();
        else {
            var registered = developers.register(form, Messages.locale());
            if (registered.succeeded()) {
                redirect.addFlashAttribute("registeredEmail", registered.value().email());
                return "redirect:/open/developers/registered";
            }
            problem = registered.problem();
        }
        model.addAttribute("problem", messages.problem(problem));
        // what was typed comes back, the passwords never do
        model.addAttribute("form", new DeveloperForm(email, null, displayName, organisation));
        model.addAttribute("fieldErrors", fieldErrors(problem));
        return "portal/developer-register";
    }

    /** Says honestly where the mail went: to the address, or (no SMTP server configured) only into the bureau's outbox. */
    @GetMapping("/registered")
    String registered(Model model) {
        model.addAttribute("mailDelivered", mailer.delivers());
        return "portal/developer-registered";
    }

    // ------------------------------------------------------------------ confirmation

    /** Shows a button only: a GET (a mail client's link preview) never uses up the token. */
    @GetMapping("/confirm")
    String confirmPage(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        return "portal/developer-confirm";
    }

    @PostMapping("/confirm")
    String confirm(@RequestParam(required = false) String token, Model model) {
        var confirmed = developers.confirm(token);
        if (confirmed.succeeded()) {
            model.addAttribute("confirmed", confirmed.value());
            return "portal/developer-confirm";
        }
        model.addAttribute("problem", messages.problem(confirmed.problem()));
        model.addAttribute("confirmFailed", true);
        return "portal/developer-confirm";
    }

    /** A new confirmation mail; the answer is the same whether or not the address has an unconfirmed account. */
    @PostMapping("/confirmation-mail")
    String resend(@RequestParam(required = false) String email, HttpServletRequest request, RedirectAttributes redirect) {
        var refused = mailLimit.refusal(readers.client(request), email);
        if (refused.isPresent()) {
            redirect.addFlashAttribute("problem", messages.problem(refused.get()));
            return "redirect:/open/developers/confirm";
        }
        developers.resendConfirmation(email, Messages.locale());
        redirect.addFlashAttribute("notice", messages.get("portal.dev.resent"));
        return "redirect:/open/developers/confirm";
    }

    // ------------------------------------------------------------------ sign-in

    @GetMapping("/login")
    String loginPage(@RequestParam(required = false) String next, @RequestParam(required = false) String email,
                     HttpServletRequest request, Model model) {
        if (session.developer(request).isPresent()) return "redirect:" + safeNext(next);
        model.addAttribute("next", safeNext(next));
        model.addAttribute("email", email);
        return "portal/developer-login";
    }

    @PostMapping("/login")
    String login(@RequestParam(required = false) String email, @RequestParam(required = false) String password,
                 @RequestParam(required = false) String next, HttpServletRequest request, HttpServletResponse response, Model model) {
        var signedIn = developers.authenticate(email, password, readers.client(request));
        if (signedIn.succeeded()) {
            session.signIn(signedIn.value(), request, response);
            return "redirect:" + safeNext(next);
        }
        // the service's own answer: without the right password it never tells whether the address has an account
        model.addAttribute("problem", messages.problem(signedIn.problem()));
        model.addAttribute("notConfirmed", signedIn.problem().code().equals("OPENDATA_NOT_CONFIRMED"));
        model.addAttribute("next", safeNext(next));
        model.addAttribute("email", email);
        return "portal/developer-login";
    }

    @PostMapping("/logout")
    String logout(HttpServletRequest request) {
        session.signOut(request);
        return "redirect:/open";
    }

    // ------------------------------------------------------------------ keys

    @GetMapping("/keys")
    String keysPage(HttpServletRequest request, Model model) {
        var developer = session.developer(request);
        if (developer.isEmpty()) return "redirect:/open/developers/login?next=/open/developers/keys";
        return keys(developer.get(), request, model);
    }

    /** A new key: the page shows its secret this once (and is not cached); it is not kept anywhere to show again. */
    @PostMapping("/keys")
    String create(@RequestParam(required = false) String name, HttpServletRequest request, HttpServletResponse response, Model model) {
        var developer = session.developer(request);
        if (developer.isEmpty()) return "redirect:/open/developers/login?next=/open/developers/keys";
        var issued = keys.create(developer.get().id(), name);
        if (issued.succeeded()) {
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("issued", issued.value());
        } else {
            failed(model, issued.problem());
            model.addAttribute("keyName", name);
        }
        return keys(developer.get(), request, model);
    }

    @PostMapping("/keys/{id}/revoke")
    String revoke(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        var developer = session.developer(request);
        if (developer.isEmpty()) return "redirect:/open/developers/login?next=/open/developers/keys";
        var revoked = keys.revoke(developer.get().id(), id);
        if (revoked.succeeded()) redirect.addFlashAttribute("notice", messages.get("portal.dev.keys.revoked", revoked.value().name()));
        else redirect.addFlashAttribute("problem", messages.problem(revoked.problem()));
        return "redirect:/open/developers/keys";
    }

    /**
     * A field's distribution for the chart of a conditionally opened dataset's page, read as the signed-in developer
     * (the open API's distribution reads only by key). Same shape as {@code /api/open/v1/datasets/{code}/distribution}.
     */
    @GetMapping("/datasets/{code}/distribution")
    @ResponseBody
    ResponseEntity<Object> distribution(@PathVariable String code, @RequestParam(required = false) String field,
                                                     @RequestParam(defaultValue = "20") int limit, HttpServletRequest request) {
        var developer = session.developer(request);
        if (developer.isEmpty())
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("detail", messages.get("portal.dev.signInFirst")));
        var reader = Actor.publicReader(developer.get().id(), developer.get().displayName());
        var d = openData.distribution(reader, code, field, limit, RequestIdFilter.of(request));
        if (!d.succeeded()) return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("detail", messages.problem(d.problem())));
        return ResponseEntity.ok(OpenApi.envelope(d.value()));
    }

    // ------------------------------------------------------------------ parts

    private String keys(Developer developer, HttpServletRequest request, Model model) {
        var listed = keys.list(developer.id());
        if (!listed.succeeded()) { // disabled or unconfirmed meanwhile: PortalSession would not have found it, but be plain
            session.signOut(request);
            return "redirect:/open/developers/login";
        }
        model.addAttribute("developer", developer);
        model.addAttribute("keys", listed.value());
        model.addAttribute("limit", limits.of(developer.tier()));
        model.addAttribute("exampleUrl", ServletUriComponentsBuilder.fromContextPath(request).path("/api/open/v1/datasets/{code}/records")
                .queryParam("size", 10).buildAndExpand(exampleDataset()).toUriString());
        return "portal/developer-keys";
    }

    /** The dataset the curl example reads: the newest one that needs a key, else the newest open one. */
    private String exampleDataset() {
        var published = openings.published().newestFirst();
        return published.stream().filter(o -> o.openType() == OpenType.CONDITIONAL).map(Opening::resourceCode).findFirst()
                .or(() -> published.stream().map(Opening::resourceCode).findFirst()).orElse("CODE");
    }

    private void failed(Model model, Problem problem) {
        model.addAttribute("problem", messages.problem(problem));
        model.addAttribute("violations", messages.violations(problem.violations()));
    }

    /** Violations by field, for showing each under its input. */
    private Map<String, String> fieldErrors(Problem problem) {
        var byField = new LinkedHashMap<String, String>();
        messages.violations(problem.violations()).forEach(v -> byField.merge(v.field(), v.message(), (a, b) -> a + "；" + b));
        return byField;
    }

    /** Where to go after signing in: a portal page only, so the link cannot send anyone to another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/open/") || next.contains("//") || next.contains("\\") || next.contains("\r")
                || next.contains("\n")) return "/open/developers/keys";
        return next;
    }
}
