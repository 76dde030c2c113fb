package org.citydata.opendata.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.opendata.Developer;
import org.citydata.opendata.Developers;
import org.citydata.opendata.Mail;
import org.citydata.opendata.Mailer;
import org.citydata.opendata.RateLimits;
import org.citydata.platform.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The bureau's side of developer accounts: the accounts, their tiers, disabling, and the mail outbox. */
@RestController
@RequestMapping("/api/v1/opendata")
@Tag(name = "open data: developers (bureau)", description = "开发者管理: accounts, rate-limit tiers, the mail outbox")
class DevelopersAdminApi {

    private final Developers developers;
    private final Mailer mailer;
    private final RateLimits limits;
    private final AccessPolicy policy;

    DevelopersAdminApi(Developers developers, Mailer mailer, RateLimits limits, AccessPolicy policy) {
        this.developers = developers;
        this.mailer = mailer;
        this.limits = limits;
        this.policy = policy;
    }

    record TierBody(String tier) {}

    record EnabledBody(Boolean enabled) {}

    @GetMapping("/mail")
    @Operation(summary = "The mail outbox, newest first (platform admin): every message, sent or not; to= narrows to one address",
            description = "Without an SMTP server (spring.mail.host) nothing is sent and this is where confirmation links are found.")
    List<Mail> mail(Actor actor, @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
                    @RequestParam(defaultValue = "50") int size) {
        return unwrap(mailer.outbox(actor, to, page, size));
    }

    @GetMapping("/developers")
    @Operation(summary = "Developers, newest first (platform admin); q= finds text in the address, name or organisation")
    List<Developer> developers(Actor actor, @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "50") int size) {
        return unwrap(developers.list(actor, q, page, size));
    }

    @GetMapping("/tiers")
    @Operation(summary = "The configured rate-limit tiers (platform admin): name → requestsPerMinute, burst")
    Map<String, RateLimits.Limit> tiers(Actor actor) {
        if (!policy.canManageDevelopers(actor)) throw new ProblemException(Problem.forbidden("IDENTITY_FORBIDDEN", "developers"));
        return new TreeMap<>(limits.tiers());
    }

    @PutMapping("/developers/{id}/tier")
    @Operation(summary = "Set a developer's tier (platform admin): body {tier}, a configured tier other than anonymous; applies at once")
    Developer tier(Actor actor, @PathVariable long id, @RequestBody TierBody body) {
        return unwrap(developers.setTier(actor, id, body == null ? null : body.tier()));
    }

    @PutMapping("/developers/{id}/enabled")
    @Operation(summary = "Disable (body {enabled: false}) or enable a developer (platform admin); a disabled one's keys stop at once")
    Developer enabled(Actor actor, @PathVariable long id, @RequestBody EnabledBody body) {
        if (body == null || body.enabled() == null) throw new ProblemException(Problem.of(Problem.Kind.INVALID, "REQUEST_MISSING_PARAMETER", "enabled"));
        return unwrap(developers.setEnabled(actor, id, body.enabled()));
    }
}
