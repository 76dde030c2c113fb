package org.citydata.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.citydata.audit.internal.LogCheck;
import org.citydata.audit.internal.SigningKey;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Verifying the whole log: now, on the caller's thread (the {@code verify-audit} command), or as a background run
 * the bureau or an auditor starts and watches (one at a time; asking again while one runs answers that one).
 */
@Service
public class LogVerification {

    private static final Logger log = LoggerFactory.getLogger(LogVerification.class);

    /** How far a check is: {@code work} leaf hashes to compute in all, then {@code checked} more at a time. */
    public interface Progress {
        void work(long total);

        void checked(long more);
    }

    private final JdbcClient db;
    private final SigningKey key;
    private final AccessPolicy policy;
    private final TaskExecutor background;
    private final AtomicLong running = new AtomicLong(-1);

    LogVerification(JdbcClient db, SigningKey key, AccessPolicy policy, @Qualifier("applicationTaskExecutor") TaskExecutor background) {
        this.db = db;
        this.key = key;
        this.policy = policy;
        this.background = background;
    }

    /** Verifies the whole log on this thread. */
    public Verdict verify(Progress progress) {
        return LogCheck.run(db, key.publicKey(), progress);
    }

    public Result<VerificationRun> start(Actor actor) {
        if (!policy.canVerifyAccessLog(actor)) return AccessPolicy.denied("verification of the access log");
        synchronized (running) {
            long current = running.get();
            if (current >= 0) return Result.ok(find(current).orElseThrow());
            long id = db.sql("insert into audit_verification (started_by, state) values (?, 'RUNNING') returning id")
                    .param(actor.signature()).query(Long.class).single();
            running.set(id);
            background.execute(() -> run(id));
            return Result.ok(find(id).orElseThrow());
        }
    }

    public Result<VerificationRun> run(Actor actor, long id) {
        if (!policy.canVerifyAccessLog(actor)) return AccessPolicy.denied("verification of the access log");
        return find(id).<Result<VerificationRun>>map(Result::ok)
                .orElseGet(() -> Result.failure(Problem.notFound("AUDIT_VERIFICATION_NOT_FOUND", String.valueOf(id))));
    }

    /** The latest run, for the console. */
    public Optional<VerificationRun> latest(Actor actor) {
        if (!policy.canVerifyAccessLog(actor)) return Optional.empty();
        return db.sql("select * from audit_verification order by id desc limit 1").query(LogVerification::map).optional();
    }

    private void run(long id) {
        try {
            var checked = new long[1];
            var verdict = verify(new Progress() {
                @Override
                public void work(long total) {
                    db.sql("update audit_verification set work = ? where id = ?").params(total, id).update();
                }

                @Override
                public void checked(long more) {
                    checked[0] += more;
                    db.sql("update audit_verification set checked = ? where id = ?").params(checked[0], id).update();
                }
            });
            db.sql("""
                    update audit_verification set state = 'DONE', finished_at = now(), records = ?, heads = ?, checked = coalesce(work, ?),
                        finding = ?, record_index = ?, head_index = ?, head_size = ?, verified_size = ? where id = ?""")
                    .params(verdict.records(), verdict.heads(), checked[0], verdict.finding().name(), verdict.recordIndex(),
                            verdict.headIndex(), verdict.headSize(), verdict.verifiedSize(), id)
                    .update();
            if (!verdict.intact()) log.error("the access log failed verification run {}: {}", id, verdict);
        } catch (RuntimeException e) {
            log.error("verification run {} failed", id, e);
            db.sql("update audit_verification set state = 'FAILED', finished_at = now(), error = ? where id = ?")
                    .params(e.toString(), id).update();
        } finally {
            running.set(-1);
        }
    }

    /** A run cut off by a restart will not finish. */
    @EventListener(ApplicationReadyEvent.class)
    void markInterrupted() {
        db.sql("update audit_verification set state = 'FAILED', finished_at = now(), error = 'interrupted by a restart' where state = 'RUNNING'")
                .update();
    }

    private Optional<VerificationRun> find(long id) {
        return db.sql("select * from audit_verification where id = ?").param(id).query(LogVerification::map).optional();
    }

    private static VerificationRun map(ResultSet rs, int n) throws SQLException {
        var finding = rs.getString("finding");
        var verdict = finding == null ? null : new Verdict(Verdict.Finding.valueOf(finding), rs.getLong("record_index"),
                rs.getInt("head_index"), rs.getObject("head_size", Long.class), rs.getLong("verified_size"), rs.getLong("records"),
                rs.getInt("heads"));
        var finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new VerificationRun(rs.getLong("id"), rs.getString("started_by"), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant(), VerificationRun.State.valueOf(rs.getString("state")),
                rs.getObject("records", Long.class), rs.getObject("heads", Integer.class), rs.getObject("work", Long.class),
                rs.getLong("checked"), verdict, rs.getString("error"));
    }
}
