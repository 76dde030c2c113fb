package org.citydata.opendata.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.citydata.kernel.Problem;
import org.citydata.opendata.ApiKey;
import org.citydata.opendata.ApiKeys;
import org.citydata.opendata.Developer;
import org.citydata.opendata.DeveloperForm;
import org.citydata.opendata.Developers;
import org.citydata.opendata.RateLimits;
import org.citydata.opendata.web.OpenApi.Envelope;
import org.citydata.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Developer accounts and their API keys, for developers themselves. Registering and confirming need nothing; the
 * endpoints under {@code /me} take the developer's e-mail and password with every request, as HTTP Basic
 * ({@code Authorization: Basic base64(email:password)}), and keep no session. An API key cannot manage keys: a key
 * that leaks must not be able to mint more. No {@code WWW-Authenticate: Basic} challenge is ever sent, so a browser
 * never remembers these credentials and sends them on its own (which is why these endpoints need no CSRF token).
 */
@RestController
@RequestMapping("/api/open/v1/developers")
@Tag(name = "open data: developers", description = "开发者: register, confirm the e-mail address, manage API keys")
class DevelopersApi {

    private final Developers developers;
    private final ApiKeys keys;
    private final RateLimits limits;
    private final MailLimit mailLimit;
    private final Readers readers;

    DevelopersApi(Developers developers, ApiKeys keys, RateLimits limits, MailLimit mailLimit, Readers readers) {
        this.developers = developers;
        this.keys = keys;
        this.limits = limits;
        this.mailLimit = mailLimit;
        this.readers = readers;
    }

    record TokenBody(String token) {}

    record EmailBody(String email) {}

    record KeyBody(String name) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register: body {email, password, displayName, organisation}; a confirmation link is mailed to the address",
            description = "Password: at least 10 characters with letters and digits, not containing the address's name part. "
                    + "409 OPENDATA_EMAIL_TAKEN when the address cannot be registered (whatever state its account is in).")
    Envelope<Developer> register(@RequestBody DeveloperForm form, Locale locale, HttpServletRequest request) {
        mailLimit.refusal(readers.client(request), form == null ? null : form.email()).ifPresent(p -> { throw new ProblemException(p); });
        return new Envelope<>(unwrap(developers.register(form, locale)), Map.of());
    }

    @PostMapping("/confirmation")
    @Operation(summary = "Confirm the e-mail address with the token of the mailed link: body {token}; each link works once, for 48 hours")
    Envelope<Developer> confirm(@RequestBody TokenBody body) {
        return new Envelope<>(unwrap(developers.confirm(body == null ? null : body.token())), Map.of());
    }

    @PostMapping("/confirmation-mail")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a new confirmation link: body {email}; always 202, whether or not the address has an unconfirmed account")
    void resend(@RequestBody EmailBody body, Locale locale, HttpServletRequest request) {
        mailLimit.refusal(readers.client(request), body == null ? null : body.email()).ifPresent(p -> { throw new ProblemException(p); });
        developers.resendConfirmation(body == null ? null : body.email(), locale);
    }

    @GetMapping("/me")
    @Operation(summary = "The developer signed in with HTTP Basic (e-mail, password), with the rate limit of its tier")
    Envelope<Developer> me(HttpServletRequest request, HttpServletResponse response) {
        var developer = signedIn(request, response);
        var limit = limits.of(developer.tier());
        return new Envelope<>(developer, Map.of("rateLimit", Map.of("requestsPerMinute", limit.requestsPerMinute(), "burst", limit.burst())));
    }

    @GetMapping("/me/keys")
    @Operation(summary = "My API keys, newest first (prefix, name, created, last used, revoked); never their secrets")
    Envelope<List<ApiKey>> keys(HttpServletRequest request, HttpServletResponse response) {
        return new Envelope<>(unwrap(keys.list(signedIn(request, response).id())), Map.of());
    }

    @PostMapping("/me/keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a named key: body {name}; the answer holds its secret, once. At most 10 live keys.")
    Envelope<ApiKeys.IssuedKey> create(@RequestBody KeyBody body, HttpServletRequest request, HttpServletResponse response) {
        var developer = signedIn(request, response);
        return new Envelope<>(unwrap(keys.create(developer.id(), body == null ? null : body.name())), Map.of());
    }

    @DeleteMapping("/me/keys/{id}")
    @Operation(summary = "Revoke one of my keys; it stops working at once")
    Envelope<ApiKey> revoke(@PathVariable long id, HttpServletRequest request, HttpServletResponse response) {
        return new Envelope<>(unwrap(keys.revoke(signedIn(request, response).id(), id)), Map.of());
    }

    /**
     * The developer whose e-mail and password came with this request (HTTP Basic), or the reason not; a locked sign-in
     * says when to try again ({@code Retry-After}, seconds).
     */
    private Developer signedIn(HttpServletRequest request, HttpServletResponse response) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6))
            throw new ProblemException(Problem.of(Problem.Kind.UNAUTHENTICATED, "OPENDATA_LOGIN_REQUIRED"));
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(Problem.Kind.UNAUTHENTICATED, "OPENDATA_LOGIN_FAILED"));
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) throw new ProblemException(Problem.of(Problem.Kind.UNAUTHENTICATED, "OPENDATA_LOGIN_FAILED"));
        var developer = developers.authenticate(credentials.substring(0, colon), credentials.substring(colon + 1), readers.client(request));
        if (!developer.succeeded() && developer.problem().code().equals("IDENTITY_SIGN_IN_LOCKED"))
            response.setHeader("Retry-After", developer.problem().args().get(1).toString());
        return unwrap(developer);
    }
}
