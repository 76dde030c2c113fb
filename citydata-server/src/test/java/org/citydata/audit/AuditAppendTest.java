package org.citydata.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.citydata.audit.internal.Leaf;
import org.citydata.kernel.audit.InMemoryLeaves;
import org.citydata.kernel.audit.MerkleHash;
import org.citydata.kernel.audit.MerkleTree;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Appending: consecutive numbers from many threads, leaves and nodes as documented, subjects only as keyed hashes. */
class AuditAppendTest extends WebTest {

    @Autowired
    AccessLog log;

    @Autowired
    AccessRecords records;

    @Autowired
    JdbcClient db;

    static AccessRecord record(String actor, String purpose, List<String> subjects) {
        return new AccessRecord(actor, 1, null, null, AccessRecord.Channel.PLATFORM, AccessRecord.Action.READ, "101-3205GA-000001",
                1L, 1, List.of("id_number", "name"), "name:eq:张三", (long) subjects.size(), purpose, null, "req-1",
                AccessRecord.Outcome.ALLOWED, null, subjects);
    }

    @Test
    void anyTextInARecordIsStoredExactlyAsHashed() {
        // the writer sends each record's field list as an array literal: quotes, commas, braces and "NULL" must survive
        var fields = List.of("NULL", "a,b", "q\"uote", "back\\slash", "{brace}", "", " 空 格 ");
        var r = new AccessRecord(unique("odd"), 1, null, "end \"user\"", AccessRecord.Channel.PLATFORM, AccessRecord.Action.READ,
                "101-3205GA-000001", 1L, 1, fields, "name:eq:O'Brien\\", 0L, "purpose, with {braces}", null, "req-odd",
                AccessRecord.Outcome.DENIED, "SOME_CODE", List.of());
        long seq = log.append(r).value();
        var stored = records.get(org.citydata.identity.Actor.system(0), seq).value();
        assertThat(stored.fields()).containsExactlyElementsOf(fields);
        assertThat(stored.endUser()).isEqualTo("end \"user\"");
        assertThat(stored.criteria()).isEqualTo("name:eq:O'Brien\\");
        assertThat(MerkleHash.hex(Leaf.hash(stored))).as("the stored record is the one that was hashed").isEqualTo(stored.leafHash());
    }

    @Test
    void appendsFromManyThreadsGetConsecutiveSequenceNumbersEachStoredWithItsLeafHash() throws Exception {
        String actor = unique("writer");
        int threads = 32, each = Integer.getInteger("appends", 100);
        var pool = Executors.newFixedThreadPool(threads);
        var tasks = new ArrayList<Callable<List<Long>>>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                var seqs = new ArrayList<Long>();
                for (int i = 0; i < each; i++) {
                    var r = log.append(record(actor, "thread " + thread + " read " + i, List.of()));
                    assertThat(r.succeeded()).isTrue();
                    seqs.add(r.value());
                }
                return seqs;
            });
        }
        long started = System.nanoTime();
        var all = new ArrayList<Long>();
        for (Future<List<Long>> f : pool.invokeAll(tasks)) all.addAll(f.get());
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        System.out.printf("access log: %d appends from %d threads in %.2f s = %.0f appends/s%n", all.size(), threads, seconds, all.size() / seconds);

        assertThat(new HashSet<>(all)).as("each number once").hasSize(threads * each);
        var stored = db.sql("select seq from audit_record where actor = ? order by seq").param(actor).query(Long.class).list();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(all);

        // each stored leaf hash is the hash of the record's canonical leaf; the root over all leaves matches the nodes
        long size = db.sql("select max(seq) + 1 from audit_record").query(Long.class).single();
        var leafHashes = db.sql("select leaf_hash from audit_record where seq < ? order by seq").param(size).query((rs, n) -> rs.getBytes(1)).list();
        assertThat(leafHashes).hasSize((int) size);
        var sample = records.get(org.citydata.identity.Actor.system(0), all.get(17)).value();
        assertThat(MerkleHash.hex(Leaf.hash(sample))).isEqualTo(sample.leafHash());
        var tree = new MerkleTree(InMemoryLeaves.ofHashes(leafHashes));
        int level = 63 - Long.numberOfLeadingZeros(size); // the largest complete subtree
        var node = db.sql("select hash from audit_node where level = ? and idx = 0").param(level).query((rs, n) -> rs.getBytes(1)).single();
        assertThat(node).isEqualTo(tree.root(1L << level));
    }

    @Test
    void subjectsAreKeptOnlyAsKeyedHashesOfTheNormalisedId() {
        String id = "32050619900101001X";
        assertThat(log.subjectHash(" 32050619900101001x ")).isEqualTo(log.subjectHash(id)).hasSize(64).doesNotContain(id);
        long seq = log.append(record(unique("subjects"), "subjects", List.of(id, "91320500MA1MXXXX0Q", id.toLowerCase()))).value();
        var hashes = db.sql("select encode(subject_hash, 'hex') from audit_subject where seq = ? order by 1").param(seq).query(String.class).list();
        assertThat(hashes).containsExactlyElementsOf(List.of(log.subjectHash(id), log.subjectHash("91320500MA1MXXXX0Q")).stream().sorted().toList());
        var row = db.sql("select r::text from audit_record r where seq = ?").param(seq).query(String.class).single();
        assertThat(row).doesNotContain(id).doesNotContain("91320500MA1MXXXX0Q");
        assertThat(records.get(org.citydata.identity.Actor.system(0), seq).value().subjectHashes()).isEqualTo(hashes);
    }

    @Test
    void theLeafIsCanonicalJsonOfEveryFieldInAFixedOrder() {
        var r = new LoggedRecord(7, Instant.parse("2026-11-21T02:03:04.123456Z"), "ga_officer", 3, null, "张三\"\n", AccessRecord.Channel.CONSOLE,
                AccessRecord.Action.READ, "101-3205GA-000001", 3L, 2, List.of("id", "name"), "", 6L, "preview", null, "r1",
                AccessRecord.Outcome.ALLOWED, null, List.of("aa", "bb"), null);
        assertThat(new String(Leaf.bytes(r), StandardCharsets.UTF_8)).isEqualTo("{\"v\":1,\"seq\":7,\"at\":\"2026-11-21T02:03:04.123456Z\","
                + "\"actor\":\"ga_officer\",\"departmentId\":3,\"applicationId\":null,\"endUser\":\"张三\\\"\\u000a\",\"channel\":\"CONSOLE\","
                + "\"action\":\"READ\",\"resourceCode\":\"101-3205GA-000001\",\"providerId\":3,\"version\":2,\"fields\":[\"id\",\"name\"],"
                + "\"criteria\":\"\",\"rows\":6,\"purpose\":\"preview\",\"grantId\":null,\"requestId\":\"r1\",\"outcome\":\"ALLOWED\","
                + "\"problemCode\":null,\"subjects\":[\"aa\",\"bb\"]}");
    }

    @Test
    void textPostgresqlCannotStoreIsStoredAsItsNearestAndStillHashesAsStored() {
        long seq = log.append(record(unique("nul"), "bad\u0000purpose \uD800", List.of())).value();
        var stored = records.get(org.citydata.identity.Actor.system(0), seq).value();
        assertThat(stored.purpose()).isEqualTo("bad\uFFFDpurpose ?");
        assertThat(MerkleHash.hex(Leaf.hash(stored))).isEqualTo(stored.leafHash());
    }
}
