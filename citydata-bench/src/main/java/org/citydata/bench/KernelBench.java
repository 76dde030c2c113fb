package org.citydata.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.citydata.kernel.audit.InMemoryLeaves;
import org.citydata.kernel.audit.MerkleFrontier;
import org.citydata.kernel.audit.MerkleHash;
import org.citydata.kernel.audit.MerkleTree;
import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.kernel.privacy.Masker;
import org.citydata.kernel.privacy.Masking;
import org.citydata.kernel.quality.ValueKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the kernel functions the exchange path calls per value or per record: each masking function on a
 * realistic value, and the Merkle log's append, proof and verification. Anchor for masking: {@code clear} (the rule
 * that returns the value), so the cost of a rule reads as its distance from doing nothing.
 * Run: ./mvnw -q -pl citydata-bench -am install -DskipTests && ./mvnw -q -pl citydata-bench exec:exec -Dbench=kernel
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelBench {

    private static final int VALUES = 1024;
    private static final int LOG_SIZE = 1 << 16;

    private Masker masker;
    private final String[] ids = new String[VALUES];
    private final String[] codes = new String[VALUES];
    private final String[] names = new String[VALUES];
    private final String[] births = new String[VALUES];
    private int next;

    private MerkleFrontier frontier;
    private MerkleTree tree;
    private byte[] root;
    private final List<List<byte[]>> proofs = new ArrayList<>();
    private final int[] proofIndex = new int[VALUES];
    private final List<byte[]> leafHashes = new ArrayList<>();

    @Setup
    public void setUp() {
        masker = new Masker("citydata-bench-masking-key-0123456789".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));
        var random = new java.util.Random(42);
        String[] surnames = {"王", "李", "张", "刘", "陈", "欧阳"};
        for (int i = 0; i < VALUES; i++) {
            String first17 = "320505" + (1950 + random.nextInt(60)) + String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
                    + String.format("%03d", random.nextInt(1000));
            ids[i] = first17 + ResidentIdNumber.checkCharacter(first17);
            String org8 = String.format("%08d", 10_000_000 + random.nextInt(89_999_999));
            String code17 = "91320500" + org8 + CreditCode.organizationCheck(org8);
            codes[i] = code17 + CreditCode.checkCharacter(code17);
            names[i] = surnames[random.nextInt(surnames.length)] + "小明";
            births[i] = ids[i].substring(6, 10) + "-" + ids[i].substring(10, 12) + "-" + ids[i].substring(12, 14);
        }
        var leaves = new InMemoryLeaves();
        frontier = new MerkleFrontier();
        for (int i = 0; i < LOG_SIZE; i++) {
            byte[] leaf = MerkleHash.leaf(("record " + i).getBytes(StandardCharsets.UTF_8));
            leaves.appendHash(leaf);
            frontier.append(leaf);
            leafHashes.add(leaf);
        }
        tree = new MerkleTree(leaves);
        root = frontier.root();
        for (int i = 0; i < VALUES; i++) {
            proofIndex[i] = random.nextInt(LOG_SIZE);
            proofs.add(tree.inclusionProof(proofIndex[i], LOG_SIZE));
        }
    }

    private int i() {
        return next = (next + 1) & (VALUES - 1);
    }

    @Benchmark public String anchorClear() { return masker.apply(Masking.CLEAR, ids[i()]); }
    @Benchmark public String keepIdNumber() { return masker.apply(new Masking.Keep(6, 4), ids[i()]); }
    @Benchmark public String keepName() { return masker.apply(new Masking.Keep(1, 0), names[i()]); }
    @Benchmark public String maskAll() { return masker.apply(Masking.MASK, names[i()]); }
    @Benchmark public String hmacPseudonym() { return masker.apply(Masking.HASH, ids[i()]); }
    @Benchmark public String yearOnly() { return masker.apply(Masking.YEAR, births[i()]); }
    @Benchmark public String ageBand() { return masker.apply(new Masking.AgeBand(10), births[i()]); }
    @Benchmark public String regionPrefix() { return masker.apply(new Masking.Region(4), "320505"); }
    @Benchmark public String fpeResidentId() { return masker.apply(Masking.FPE, ids[i()], ValueKind.RESIDENT_ID); }
    @Benchmark public String fpeCreditCode() { return masker.apply(Masking.FPE, codes[i()], ValueKind.CREDIT_CODE); }

    /** One more record in the log: its leaf hash and the new root, as the audit module does per read. */
    @Benchmark
    public byte[] merkleAppend() {
        frontier.append(MerkleHash.leaf(ids[i()].getBytes(StandardCharsets.UTF_8)));
        return frontier.root();
    }

    /** Checking an inclusion proof in a log of 65,536 records (16 hashes). */
    @Benchmark
    public boolean merkleVerifyInclusion() {
        int k = i();
        return MerkleTree.verifyInclusion(leafHashes.get(proofIndex[k]), proofIndex[k], LOG_SIZE, proofs.get(k), root);
    }

    /** Building an inclusion proof from the leaf hashes alone (no cached subtree hashes) in a log of 65,536 records. */
    @Benchmark
    public List<byte[]> merkleInclusionProof() {
        return tree.inclusionProof(i() * 61, LOG_SIZE);
    }
}
