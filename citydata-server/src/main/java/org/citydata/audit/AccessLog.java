package org.citydata.audit;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.citydata.audit.internal.LogWriter;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.audit.MerkleHash;
import org.citydata.kernel.privacy.Hmac;
import org.citydata.platform.crypto.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Appends access records. A record is durably stored when {@link #append} answers; when it cannot be stored the
 * answer is {@code AUDIT_UNAVAILABLE} and the caller must not hand out the rows (fail closed). Records are written by
 * one thread in group commits (see {@link LogWriter}); the log keeps subjects only as keyed hashes.
 */
@Service
public class AccessLog {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    private final LogWriter writer;
    private final Hmac subjectHmac;
    private final Duration timeout;

    AccessLog(LogWriter writer, SecretBox secrets, @Value("${citydata.audit.append-timeout:PT10S}") Duration timeout) {
        this.writer = writer;
        this.subjectHmac = new Hmac(secrets.derive("audit-subject"));
        this.timeout = timeout;
    }

    /** Stores the record; answers its sequence number in the log (its Merkle leaf index, from 0) once committed. */
    public Result<Long> append(AccessRecord r) {
        if (r == null || r.actor() == null || r.channel() == null || r.action() == null || r.outcome() == null) {
            log.error("an access record without actor, channel, action or outcome was refused: {}", r);
            return unavailable();
        }
        var hashes = r.subjects().stream().filter(s -> s != null && !s.isBlank()).map(this::subjectHash)
                .distinct().sorted().toList();
        try {
            return Result.ok(writer.submit(r, hashes).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("access record not stored: {}", Objects.requireNonNullElse(e.getCause(), e).toString());
            return unavailable();
        }
    }

    /**
     * The log's name for a resident ID or credit code: HMAC-SHA256 (lower-case hex) of the ID stripped and upper-cased,
     * under a key derived from the platform's secret. The same ID always gives the same hash, so the reads of one
     * person's record can be found; the hash alone does not give the ID back.
     */
    public String subjectHash(String id) {
        return MerkleHash.hex(subjectHmac.of(id.strip().toUpperCase(Locale.ROOT)));
    }

    private static Result<Long> unavailable() {
        return Result.failure(Problem.of(Problem.Kind.UNAVAILABLE, "AUDIT_UNAVAILABLE"));
    }
}
