package org.citydata.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.citydata.support.WebTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log's tables refuse change in the database itself, whoever connects. Each attempt runs in a transaction that
 * is rolled back in any case, so a missing trigger fails the test without harming the log the other tests share.
 */
class AuditAppendOnlyTest extends WebTest {

    @Autowired
    AccessLog log;

    @Autowired
    TreeHeads heads;

    @Autowired
    JdbcClient db;

    @Autowired
    TransactionTemplate tx;

    private void refused(String sql) {
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            db.sql(sql).update();
        })).as(sql).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("the access log is append-only");
    }

    @Test
    void updatesDeletesAndTruncatesOfTheLogsTablesAreRefused() {
        for (int i = 0; i < 2; i++) {
            log.append(new AccessRecord(unique("append-only"), 1, null, null, AccessRecord.Channel.PLATFORM, AccessRecord.Action.READ,
                    null, null, null, List.of(), null, 0L, "append-only test", null, null, AccessRecord.Outcome.ALLOWED, null,
                    List.of("32050619900101001X")));
        }
        heads.signIfGrown();

        refused("update audit_record set actor = 'someone else' where seq = (select max(seq) from audit_record)");
        refused("delete from audit_record where seq = (select max(seq) from audit_record)");
        refused("truncate audit_record, audit_subject");
        refused("update audit_subject set subject_hash = '\\x00' where seq = (select max(seq) from audit_subject)");
        refused("delete from audit_subject");
        refused("truncate audit_subject");
        refused("update audit_node set hash = '\\x00' where level = 1 and idx = 0");
        refused("delete from audit_node where level = 1");
        refused("truncate audit_node");
        refused("update audit_tree_head set size = size + 1 where size = (select max(size) from audit_tree_head)");
        refused("delete from audit_tree_head");
        refused("truncate audit_tree_head");
    }
}
