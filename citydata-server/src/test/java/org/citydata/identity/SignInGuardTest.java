package org.citydata.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 登录失败处理 on the real database, with a guard of its own (3 failures an account, 4 a client, 15 minutes), so the
 * limits are small and the accounts and clients are this test's alone. The sign-in pages and APIs that use the
 * platform's guard are tested in DeveloperKeysTest and ConsoleSignInLockTest.
 */
class SignInGuardTest extends WebTest {

    @Autowired
    JdbcClient db;

    private SignInGuard guard() {
        return new SignInGuard(db, 3, 4, Duration.ofMinutes(15));
    }

    @Test
    void theThirdWrongPasswordLocksTheAccountForTheLockPeriodAndOnlyThatAccount() {
        var guard = guard();
        String account = unique("test:a");
        guard.failed(account, null);
        guard.failed(account, null);
        assertThat(guard.refusal(account, null)).isEmpty();
        guard.failed(account, null);

        var refusal = guard.refusal(account, null).orElseThrow();
        assertThat(refusal.kind()).isEqualTo(org.citydata.kernel.Problem.Kind.TOO_MANY);
        assertThat(refusal.code()).isEqualTo("IDENTITY_SIGN_IN_LOCKED");
        assertThat(refusal.args().get(0)).isEqualTo(15L); // minutes, rounded up
        assertThat((Long) refusal.args().get(1)).isBetween(890L, 900L); // seconds
        assertThat(guard.refusal(unique("test:other"), null)).isEmpty();
        // a success (on the next day, say) forgets the account's failures
        guard.succeeded(account);
        assertThat(guard.refusal(account, null)).isEmpty();
    }

    @Test
    void theLockEndsWhenTheOldestCountedFailureIsOneLockPeriodOld() {
        var guard = guard();
        String account = unique("test:b");
        for (int i = 0; i < 3; i++) guard.failed(account, null);
        // as if the oldest had been 14 minutes ago, the others 13 and 12: one more minute to wait
        db.sql("""
                update identity_sign_in_failure f set at = now() - make_interval(mins => (14 - o.n)::int)
                from (select id, row_number() over (order by id) - 1 as n from identity_sign_in_failure where account = ?) o
                where f.id = o.id""").param(account).update();
        var refusal = guard.refusal(account, null).orElseThrow();
        assertThat(refusal.args().get(0)).isEqualTo(1L);
        assertThat((Long) refusal.args().get(1)).isBetween(50L, 60L);
        // a minute later, the oldest no longer counts: two within the period, below the limit
        db.sql("update identity_sign_in_failure set at = at - interval '61 seconds' where account = ?").param(account).update();
        assertThat(guard.refusal(account, null)).isEmpty();
        // the next failure counts three again, and clears away what is older than the period
        db.sql("""
                update identity_sign_in_failure set at = at - interval '20 minutes'
                where account = ? and at = (select min(at) from identity_sign_in_failure where account = ?)""")
                .params(account, account).update();
        guard.failed(account, null);
        assertThat(db.sql("select count(*) from identity_sign_in_failure where account = ?").param(account).query(Long.class).single())
                .isEqualTo(3);
        assertThat(db.sql("select count(*) from identity_sign_in_failure where at <= now() - interval '15 minutes'")
                .query(Long.class).single()).isZero();
        assertThat(guard.refusal(account, null)).isPresent();
    }

    @Test
    void aClientThatFailedOnManyAccountsIsRefusedOnAnyAccountButOthersAreNot() {
        var guard = guard();
        String client = "ip:" + unique("198.51.100.");
        for (int i = 0; i < 4; i++) guard.failed(unique("test:c" + i), client); // never three on one account
        String fresh = unique("test:fresh");
        assertThat(guard.refusal(fresh, client)).hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("IDENTITY_SIGN_IN_LOCKED"));
        assertThat(guard.refusal(fresh, "ip:" + unique("203.0.113."))).isEmpty();
        assertThat(guard.refusal(fresh, null)).isEmpty(); // a caller that does not count by address
        // signing in to one account does not clear what the client did to others
        guard.succeeded(fresh);
        assertThat(guard.refusal(fresh, client)).isPresent();
    }

    @Test
    void settingsThatWouldNeverLockOrAlwaysLockAreRefusedAtStart() {
        assertThatThrownBy(() -> new SignInGuard(db, 0, 20, Duration.ofMinutes(15))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failures-per-account");
        assertThatThrownBy(() -> new SignInGuard(db, 5, 20, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lock");
    }
}
