package org.citydata.opendata;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.opendata.internal.SubmissionThrottle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 应用展示: apps, analyses, visualizations and articles built on open data, each linked to the published datasets it
 * uses. Anyone submits one; it is shown once the bureau has looked at it (a link on a government portal is vouched
 * for), and on the pages of the datasets it uses.
 */
@Service
public class Reuses {

    public enum Kind { APP, ANALYSIS, VISUALIZATION, ARTICLE }

    public enum State { SUBMITTED, PUBLISHED, REJECTED }

    public record Reuse(long id, String title, String description, String url, Kind kind, String author, List<String> datasetCodes,
                        State state, OffsetDateTime createdAt) {}

    public record ReuseForm(String title, String description, String url, Kind kind, String author, List<String> datasetCodes) {}

    private static final String SELECT = "select id, title, description, url, kind, author, dataset_codes, state, created_at from opendata_reuse";

    private final JdbcClient db;
    private final Openings openings;
    private final AccessPolicy policy;
    private final SubmissionThrottle throttle;

    Reuses(JdbcClient db, Openings openings, AccessPolicy policy, @Value("${citydata.opendata.submissions-per-hour:10}") int perHour) {
        this.db = db;
        this.openings = openings;
        this.policy = policy;
        this.throttle = new SubmissionThrottle(perHour);
    }

    /** Submits a reuse for the bureau's look; {@code OPENDATA_INVALID_REUSE} names what is wrong. */
    @Transactional
    public Result<Reuse> submit(ReuseForm form, String client) {
        var violations = new ArrayList<Violation>();
        DataRequests.text(violations, "title", form.title(), 2, 100);
        DataRequests.text(violations, "description", form.description(), 10, 2000);
        DataRequests.text(violations, "author", form.author(), 1, 100);
        if (!webAddress(form.url())) violations.add(Violation.of("url", "opendata.bad_url"));
        if (form.kind() == null) violations.add(Violation.of("kind", "required"));
        var codes = form.datasetCodes() == null ? List.<String>of()
                : form.datasetCodes().stream().filter(java.util.Objects::nonNull).map(String::strip).filter(c -> !c.isEmpty()).distinct().toList();
        if (codes.isEmpty()) violations.add(Violation.of("datasetCodes", "required"));
        codes.stream().filter(c -> openings.published(c).isEmpty())
                .forEach(c -> violations.add(Violation.of("datasetCodes", "opendata.not_published", c)));
        if (!violations.isEmpty()) return Result.failure(Problem.invalid("OPENDATA_INVALID_REUSE", violations));
        if (!throttle.admit(client)) return Result.failure(Problem.of(Problem.Kind.TOO_MANY, "OPENDATA_TOO_MANY_SUBMISSIONS", throttle.perHour()));
        long id = db.sql("insert into opendata_reuse (title, description, url, kind, author, dataset_codes) values (?, ?, ?, ?, ?, ?) returning id")
                .params(form.title().strip(), form.description().strip(), form.url().strip(), form.kind().name(), form.author().strip(),
                        codes.toArray(String[]::new))
                .query(Long.class).single();
        return Result.ok(load(id).orElseThrow());
    }

    /** Published reuses newest first; of one dataset when {@code datasetCode} is given. */
    public List<Reuse> published(String datasetCode) {
        return datasetCode == null
                ? db.sql(SELECT + " where state = 'PUBLISHED' order by id desc limit 200").query(this::reuse).list()
                : db.sql(SELECT + " where state = 'PUBLISHED' and dataset_codes @> array[?]::text[] order by id desc").param(datasetCode)
                .query(this::reuse).list();
    }

    /** What waits for the bureau's look, oldest first. */
    public Result<List<Reuse>> waiting(Actor actor) {
        if (!policy.canReviewOpenings(actor)) return AccessPolicy.denied("reuses");
        return Result.ok(db.sql(SELECT + " where state = 'SUBMITTED' order by id").query(this::reuse).list());
    }

    @Transactional
    public Result<Reuse> moderate(Actor actor, long id, boolean publish) {
        if (!policy.canReviewOpenings(actor)) return AccessPolicy.denied("reuse " + id);
        int changed = db.sql("update opendata_reuse set state = ?, moderated_by = ?, moderated_at = now() where id = ?")
                .params(publish ? "PUBLISHED" : "REJECTED", actor.signature(), id).update();
        if (changed == 0) return Result.failure(Problem.notFound("OPENDATA_REUSE_NOT_FOUND", id));
        return Result.ok(load(id).orElseThrow());
    }

    private static boolean webAddress(String url) {
        if (url == null || url.isBlank() || url.length() > 500) return false;
        try {
            var uri = URI.create(url.strip());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private java.util.Optional<Reuse> load(long id) {
        return db.sql(SELECT + " where id = ?").param(id).query(this::reuse).optional();
    }

    private Reuse reuse(ResultSet rs, int n) throws SQLException {
        return new Reuse(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Kind.valueOf(rs.getString(5)), rs.getString(6),
                Arrays.asList((String[]) rs.getArray(7).getArray()), State.valueOf(rs.getString(8)), rs.getObject(9, OffsetDateTime.class));
    }
}
