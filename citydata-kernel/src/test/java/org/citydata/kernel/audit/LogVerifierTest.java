package org.citydata.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.citydata.kernel.audit.LogVerdict.Finding;
import org.junit.jupiter.api.Test;

class LogVerifierTest {

    static final KeyPair KEYS = TreeHeadSigner.generateKeyPair();
    static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

    final List<byte[]> records = new ArrayList<>();
    final List<byte[]> stored = new ArrayList<>();
    final List<TreeHead> heads = new ArrayList<>();

    /** A log of 30 records with a head signed after every 7th record and at the end, built as the server would. */
    LogVerifierTest() {
        TreeHeadSigner signer = new TreeHeadSigner(KEYS.getPrivate());
        MerkleFrontier frontier = new MerkleFrontier();
        for (int i = 0; i < 30; i++) {
            byte[] record = ("{\"event\":\"read\",\"seq\":" + i + "}").getBytes();
            records.add(record);
            stored.add(MerkleHash.leaf(record));
            frontier.append(MerkleHash.leaf(record));
            if ((i + 1) % 7 == 0 || i == 29) heads.add(signer.sign(frontier, START.plusSeconds(i)));
        }
    }

    LogVerdict verify() {
        return new LogVerifier(KEYS.getPublic()).verifyRecords(records, stored, heads);
    }

    @Test
    void anUntouchedLogIsIntact() {
        assertThat(verify()).isEqualTo(new LogVerdict(Finding.INTACT, -1, -1, 30));
        assertThat(new LogVerifier(KEYS.getPublic()).verifyRecords(records, null, heads).intact()).isTrue();
    }

    @Test
    void anAlteredRecordIsNamed() {
        records.set(12, "{\"event\":\"nothing to see\"}".getBytes());
        assertThat(verify()).isEqualTo(new LogVerdict(Finding.ALTERED_RECORD, 12, -1, 0));
    }

    @Test
    void anAlteredRecordWithItsHashRewrittenFailsAtTheFirstHeadCoveringIt() {
        records.set(12, "{\"event\":\"nothing to see\"}".getBytes());
        stored.set(12, MerkleHash.leaf(records.get(12)));
        assertThat(verify()).isEqualTo(new LogVerdict(Finding.ROOT_MISMATCH, 7, 1, 7));
        assertThat(new LogVerifier(KEYS.getPublic()).verifyRecords(records, null, heads).finding())
                .isEqualTo(Finding.ROOT_MISMATCH);
    }

    @Test
    void aRemovedRecordIsDetected() {
        records.remove(3);
        stored.remove(3);
        assertThat(verify()).isEqualTo(new LogVerdict(Finding.ROOT_MISMATCH, 0, 0, 0));
    }

    @Test
    void removedTrailingRecordsAreDetected() {
        records.remove(29);
        stored.remove(29);
        assertThat(verify()).isEqualTo(new LogVerdict(Finding.RECORDS_MISSING, 29, 4, 28));
    }

    @Test
    void swappedRecordsAreDetected() {
        Collections.swap(records, 15, 16);
        Collections.swap(stored, 15, 16);
        assertThat(verify()).isEqualTo(new LogVerdict(Finding.ROOT_MISMATCH, 14, 2, 14));
    }

    @Test
    void aForgedHeadIsDetected() {
        TreeHead honest = heads.get(3);
        byte[] signature = honest.signature();
        signature[0] ^= 0x40;
        heads.set(3, new TreeHead(honest.size(), honest.rootHash(), honest.timestamp(), signature));
        assertThat(verify()).isEqualTo(new LogVerdict(Finding.BAD_SIGNATURE, -1, 3, 21));
    }

    @Test
    void aHeadSignedByAnotherKeyIsDetected() {
        KeyPair intruder = TreeHeadSigner.generateKeyPair();
        byte[] root = new MerkleTree(InMemoryLeaves.ofRecords(records)).root(30);
        heads.set(4, new TreeHeadSigner(intruder.getPrivate()).sign(30, root, START.plusSeconds(99)));
        assertThat(verify()).isEqualTo(new LogVerdict(Finding.BAD_SIGNATURE, -1, 4, 28));
    }

    @Test
    void headsOutOfOrderAreDetected() {
        Collections.swap(heads, 1, 2);
        assertThat(verify()).isEqualTo(new LogVerdict(Finding.HEADS_OUT_OF_ORDER, -1, 2, 21));
    }

    @Test
    void recordsAppendedAfterTheLastHeadAreNotYetVouchedFor() {
        records.add("late".getBytes());
        stored.add(MerkleHash.leaf("late".getBytes()));
        assertThat(verify()).isEqualTo(new LogVerdict(Finding.INTACT, -1, -1, 30));
    }
}
