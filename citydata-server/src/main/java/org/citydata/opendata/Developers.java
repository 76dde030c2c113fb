package org.citydata.opendata;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.SignInGuard;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.opendata.internal.Secrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 开发者账号: registration, e-mail confirmation, sign-in, and the bureau's hold over accounts (tier, disabling).
 *
 * <p>Registration stores the account unconfirmed and mails a single-use link (its secret kept as SHA-256, valid
 * {@link DeveloperSettings#confirmationValid()}); a new link replaces any earlier one. A taken address is refused with
 * one answer whatever state its account is in ({@code OPENDATA_EMAIL_TAKEN}), so the answer tells no more than that
 * the address cannot be registered again. Sign-in checks the password first, and only then says that an account is
 * unconfirmed or disabled: without the password nobody learns anything but {@code OPENDATA_LOGIN_FAILED}, and an
 * unknown address costs as much time as a known one.
 */
@Service
public class Developers {

    private static final String COLUMNS = "id, email, display_name, organisation, tier, enabled, confirmed_at, created_at";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** bcrypt reads at most 72 bytes: a longer password would be cut without anyone knowing. */
    private static final int PASSWORD_MAX_BYTES = 72;
    static final int PASSWORD_MIN = 10;

    private final JdbcClient db;
    private final PasswordEncoder passwords;
    private final Mailer mailer;
    private final MessageSource messages;
    private final AccessPolicy policy;
    private final RateLimits limits;
    private final DeveloperSettings settings;
    private final ApiKeys keys;
    private final SignInGuard guard;
    /** The hash an unknown address is checked against, so that it takes as long as a wrong password. */
    private final String decoy;
    /** Where mailed links point: configured, never taken from a request's Host header, which the caller chooses. */
    private final String confirmLink;

    Developers(JdbcClient db, PasswordEncoder passwords, Mailer mailer, MessageSource messages, AccessPolicy policy,
               RateLimits limits, DeveloperSettings settings, ApiKeys keys, SignInGuard guard,
               @Value("${citydata.public-url:}") String publicUrl, @Value("${server.port:8080}") int port) {
        this.db = db;
        this.passwords = passwords;
        this.mailer = mailer;
        this.messages = messages;
        this.policy = policy;
        this.limits = limits;
        this.settings = settings;
        this.keys = keys;
        this.guard = guard;
        this.decoy = passwords.encode(Secrets.create(""));
        String base = publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + port : publicUrl.strip().replaceAll("/+$", "");
        this.confirmLink = settings.confirmLink().startsWith("/") ? base + settings.confirmLink() : settings.confirmLink();
    }

    /** A new, unconfirmed account, and the confirmation mail (in {@code locale}) to its address. */
    @Transactional
    public Result<Developer> register(DeveloperForm form, Locale locale) {
        var v = new ArrayList<Violation>();
        String email = form.email() == null ? "" : form.email().strip();
        if (email.isEmpty()) v.add(Violation.of("email", "required"));
        else if (email.length() > 254) v.add(Violation.of("email", "too_long", 254));
        else if (!EMAIL.matcher(email).matches()) v.add(Violation.of("email", "email"));
        checkPassword(form.password(), email, v);
        String name = form.displayName() == null ? "" : form.displayName().strip();
        if (name.isEmpty()) v.add(Violation.of("displayName", "required"));
        else if (name.length() > 50) v.add(Violation.of("displayName", "too_long", 50));
        String organisation = form.organisation() == null || form.organisation().isBlank() ? null : form.organisation().strip();
        if (organisation != null && organisation.length() > 100) v.add(Violation.of("organisation", "too_long", 100));
        if (!v.isEmpty()) return Result.failure(Problem.invalid("OPENDATA_INVALID_DEVELOPER", v));

        // the unique index decides, so two registrations racing for one address cannot both succeed
        var id = db.sql("""
                insert into opendata_developer (email, password_hash, display_name, organisation, tier)
                values (?, ?, ?, ?, ?) on conflict ((lower(email))) do nothing returning id""")
                .params(email, passwords.encode(form.password()), name, organisation, RateLimits.BASIC)
                .query(Long.class).optional();
        if (id.isEmpty()) return Result.failure(Problem.conflict("OPENDATA_EMAIL_TAKEN"));
        var developer = find(id.get()).orElseThrow();
        mailConfirmation(developer, locale);
        return Result.ok(developer);
    }

    /**
     * A new confirmation link for an unconfirmed account; nothing for any other address. The caller is told the same
     * either way, so asking reveals nothing about which addresses have accounts.
     */
    @Transactional
    public void resendConfirmation(String email, Locale locale) {
        if (email == null || email.isBlank()) return;
        byEmail(email).filter(d -> !d.confirmed() && d.enabled()).ifPresent(d -> mailConfirmation(d, locale));
    }

    /**
     * Confirms the address whose link carried {@code token}. Refused: {@code OPENDATA_CONFIRMATION_INVALID} for a token
     * that is unknown or was used, {@code OPENDATA_CONFIRMATION_EXPIRED} for one past its time or replaced by a newer link.
     */
    @Transactional
    public Result<Developer> confirm(String token) {
        if (token == null || token.isBlank() || token.length() > 100)
            return Result.failure(Problem.of(Problem.Kind.INVALID, "OPENDATA_CONFIRMATION_INVALID"));
        record Link(long developerId, boolean used, boolean expired) {}
        var link = db.sql("""
                select developer_id, used_at is not null as used, expires_at <= now() as expired
                from opendata_confirmation where token_hash = ? for update""")
                .param(Secrets.hash(token.strip()))
                .query((rs, n) -> new Link(rs.getLong("developer_id"), rs.getBoolean("used"), rs.getBoolean("expired"))).optional();
        if (link.isEmpty() || link.get().used()) return Result.failure(Problem.of(Problem.Kind.INVALID, "OPENDATA_CONFIRMATION_INVALID"));
        if (link.get().expired()) return Result.failure(Problem.of(Problem.Kind.GONE, "OPENDATA_CONFIRMATION_EXPIRED"));
        db.sql("update opendata_confirmation set used_at = now() where token_hash = ?").param(Secrets.hash(token.strip())).update();
        db.sql("update opendata_developer set confirmed_at = coalesce(confirmed_at, now()) where id = ?").param(link.get().developerId()).update();
        return Result.ok(find(link.get().developerId()).orElseThrow());
    }

    /**
     * The developer these credentials belong to, for the portal's sign-in and the key-management API: only a confirmed,
     * enabled account. Refused: {@code IDENTITY_SIGN_IN_LOCKED} after too many wrong passwords for the address or from
     * {@code client} ({@link SignInGuard}; no password is checked then), {@code OPENDATA_LOGIN_FAILED} (unknown address
     * or wrong password, indistinguishably), then, with the right password, {@code OPENDATA_DEVELOPER_DISABLED} or
     * {@code OPENDATA_NOT_CONFIRMED}.
     */
    public Result<Developer> authenticate(String email, String password, String client) {
        String address = email == null ? "" : email.strip();
        String account = "developer:" + address.toLowerCase(Locale.ROOT);
        var locked = guard.refusal(account, client);
        if (locked.isPresent()) return Result.failure(locked.get());
        String given = password == null ? "" : password;
        var found = address.isEmpty() ? Optional.<Credentials>empty()
                : db.sql("select " + COLUMNS + ", password_hash from opendata_developer where lower(email) = lower(?)")
                        .param(address).query((rs, n) -> new Credentials(map(rs, n), rs.getString("password_hash"))).optional();
        boolean fits = given.getBytes(StandardCharsets.UTF_8).length <= PASSWORD_MAX_BYTES;
        boolean matches = passwords.matches(fits ? given : "", found.map(Credentials::hash).orElse(decoy)) && fits;
        if (found.isEmpty() || !matches) {
            guard.failed(account, client);
            return Result.failure(Problem.of(Problem.Kind.UNAUTHENTICATED, "OPENDATA_LOGIN_FAILED"));
        }
        guard.succeeded(account);
        var developer = found.get().developer();
        if (!developer.enabled()) return Result.failure(Problem.forbidden("OPENDATA_DEVELOPER_DISABLED"));
        if (!developer.confirmed()) return Result.failure(Problem.forbidden("OPENDATA_NOT_CONFIRMED"));
        return Result.ok(developer);
    }

    private record Credentials(Developer developer, String hash) {}

    public Optional<Developer> find(long id) {
        return db.sql("select " + COLUMNS + " from opendata_developer where id = ?").param(id).query(Developers::map).optional();
    }

    /** Every developer, newest first, for the bureau; {@code q} finds text in the address, name or organisation. */
    public Result<List<Developer>> list(Actor actor, String q, int page, int size) {
        if (!policy.canManageDevelopers(actor)) return AccessPolicy.denied("developers");
        int limit = Math.max(1, Math.min(size, 200));
        long offset = (long) Math.max(page, 0) * limit;
        String like = q == null || q.isBlank() ? null
                : "%" + q.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        if (like == null) return Result.ok(db.sql("select " + COLUMNS + " from opendata_developer order by id desc limit ? offset ?")
                .params(limit, offset).query(Developers::map).list());
        return Result.ok(db.sql("select " + COLUMNS + " from opendata_developer where lower(email) like ? or lower(display_name) like ? "
                        + "or lower(coalesce(organisation, '')) like ? order by id desc limit ? offset ?")
                .params(like, like, like, limit, offset).query(Developers::map).list());
    }

    /** The bureau gives a developer's keys another rate limit, at once: a configured tier other than {@code anonymous}. */
    @Transactional
    public Result<Developer> setTier(Actor actor, long id, String tier) {
        if (!policy.canManageDevelopers(actor)) return AccessPolicy.denied("developers");
        String name = tier == null ? "" : tier.strip();
        if (!limits.assignable(name)) return Result.failure(Problem.of(Problem.Kind.INVALID, "OPENDATA_UNKNOWN_TIER", name,
                String.join(", ", limits.tiers().keySet().stream().filter(limits::assignable).sorted().toList())));
        if (db.sql("update opendata_developer set tier = ? where id = ?").params(name, id).update() == 0)
            return Result.failure(Problem.notFound("OPENDATA_DEVELOPER_NOT_FOUND", id));
        keys.forgetDeveloper(id);
        return Result.ok(find(id).orElseThrow());
    }

    /** The bureau disables a developer (its keys stop working and it cannot sign in, at once) or enables it again. */
    @Transactional
    public Result<Developer> setEnabled(Actor actor, long id, boolean enabled) {
        if (!policy.canManageDevelopers(actor)) return AccessPolicy.denied("developers");
        if (db.sql("update opendata_developer set enabled = ? where id = ?").params(enabled, id).update() == 0)
            return Result.failure(Problem.notFound("OPENDATA_DEVELOPER_NOT_FOUND", id));
        keys.forgetDeveloper(id);
        return Result.ok(find(id).orElseThrow());
    }

    /**
     * At least {@value #PASSWORD_MIN} characters with letters and digits, not containing the address's name part, and
     * no more than bcrypt reads: stronger than the console's floor, since anyone on the internet may register.
     */
    static void checkPassword(String password, String email, List<Violation> v) {
        String local = email == null || email.indexOf('@') < 3 ? null : email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
        if (password == null || password.length() < PASSWORD_MIN
                || password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES
                || password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)
                || (local != null && password.toLowerCase(Locale.ROOT).contains(local)))
            v.add(Violation.of("password", "opendata.password", PASSWORD_MIN));
    }

    private Optional<Developer> byEmail(String email) {
        return db.sql("select " + COLUMNS + " from opendata_developer where lower(email) = lower(?)").param(email.strip())
                .query(Developers::map).optional();
    }

    /** A new single-use link (earlier unused ones lapse now), mailed in the registrant's language. */
    private void mailConfirmation(Developer developer, Locale locale) {
        String token = Secrets.create("");
        db.sql("update opendata_confirmation set expires_at = least(expires_at, now()) where developer_id = ? and used_at is null")
                .param(developer.id()).update();
        db.sql("insert into opendata_confirmation (token_hash, developer_id, expires_at) values (?, ?, now() + make_interval(secs => ?))")
                .params(Secrets.hash(token), developer.id(), (double) settings.confirmationValid().toSeconds()).update();
        long hours = Math.max(1, settings.confirmationValid().toHours());
        mailer.send(developer.email(),
                messages.getMessage("mail.opendata.confirm.subject", new Object[0], locale),
                messages.getMessage("mail.opendata.confirm.body",
                        new Object[] {developer.displayName(), confirmLink + token, token, String.valueOf(hours)}, locale));
    }

    static Developer map(ResultSet rs, int row) throws SQLException {
        return new Developer(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"), rs.getString("organisation"),
                rs.getString("tier"), rs.getBoolean("enabled"), rs.getObject("confirmed_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
