package org.citydata.identity;

import java.time.Duration;
import java.util.Optional;
import org.citydata.kernel.Problem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * 登录失败处理: after {@code failures-per-account} wrong passwords for one account within the lock period, sign-in to
 * that account is closed until the oldest of them is that old; a caller that counts by client address also closes sign-in
 * from an address that failed {@code failures-per-client} times, whatever the accounts tried. While closed, no password is
 * checked at all, the right one neither: else guessing would go on. The count is in the database, so every node and a
 * restart see it. Two attempts at the same moment may both pass the check, so a guesser gets at most a few more tries
 * than the limit, never an unbounded number.
 */
@Service
public class SignInGuard {

    private final JdbcClient db;
    private final int perAccount;
    private final int perClient;
    private final long lockSeconds;

    SignInGuard(JdbcClient db, @Value("${citydata.sign-in.failures-per-account:5}") int perAccount,
                @Value("${citydata.sign-in.failures-per-client:20}") int perClient,
                @Value("${citydata.sign-in.lock:PT15M}") Duration lock) {
        if (perAccount < 1 || perClient < 1 || lock.isNegative() || lock.isZero())
            throw new IllegalArgumentException(
                    "citydata.sign-in: failures-per-account and failures-per-client must be at least 1, lock positive");
        this.db = db;
        this.perAccount = perAccount;
        this.perClient = perClient;
        this.lockSeconds = lock.toSeconds();
    }

    /**
     * Why {@code account} may not try a password now, from {@code client} (null: not counted by address):
     * {@code IDENTITY_SIGN_IN_LOCKED} with the whole minutes to wait, rounded up.
     */
    public Optional<Problem> refusal(String account, String client) {
        // the perAccount-th newest failure of the period: the lock ends when it is a whole period old
        Long seconds = db.sql("""
                        select ceil(extract(epoch from max(at) + make_interval(secs => ?) - now()))::bigint from (
                            (select at from identity_sign_in_failure where account = ? and at > now() - make_interval(secs => ?)
                             order by at desc offset ? limit 1)
                            union all
                            (select at from identity_sign_in_failure where client = ? and at > now() - make_interval(secs => ?)
                             order by at desc offset ? limit 1)) closing""")
                .params(lockSeconds, account, lockSeconds, perAccount - 1, client, lockSeconds, perClient - 1)
                .query(Long.class).optional().orElse(null);
        if (seconds == null || seconds <= 0) return Optional.empty();
        return Optional.of(Problem.of(Problem.Kind.TOO_MANY, "IDENTITY_SIGN_IN_LOCKED", (seconds + 59) / 60, seconds));
    }

    /** A wrong password (or an unknown name) for {@code account} from {@code client}; forgets failures older than the period. */
    public void failed(String account, String client) {
        db.sql("delete from identity_sign_in_failure where at <= now() - make_interval(secs => ?)").param(lockSeconds).update();
        db.sql("insert into identity_sign_in_failure (account, client) values (?, ?)").params(account, client).update();
    }

    /** The right password: the account's failures no longer count (its client's do, against other accounts). */
    public void succeeded(String account) {
        db.sql("delete from identity_sign_in_failure where account = ?").param(account).update();
    }
}
