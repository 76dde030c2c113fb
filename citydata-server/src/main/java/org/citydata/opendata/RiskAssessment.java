package org.citydata.opendata;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the automatic risk assessment found in the current data under an opening's masking: findings that block
 * opening (with the masking that would fix each) and warnings, and the k-anonymity over the quasi-identifiers.
 *
 * @param version    the dataset version looked at
 * @param rows       its rows
 * @param sampleRows how many of them the personal-data detection looked at
 * @param kAnonymity null when no quasi-identifiers were named
 */
public record RiskAssessment(int version, long rows, int sampleRows, OffsetDateTime at, List<Finding> findings,
                             KAnonymity kAnonymity) {

    public RiskAssessment {
        findings = List.copyOf(findings);
    }

    public boolean passes() {
        return findings.stream().noneMatch(Finding::blocks);
    }

    public List<Finding> blockers() {
        return findings.stream().filter(Finding::blocks).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> !f.blocks()).toList();
    }

    /**
     * One thing found. {@code code} names it (message {@code opendata.finding.<code>} with {@code args}):
     * <ul>
     *   <li>{@code PII_IN_CLEAR} (blocks): personal data detected in a field opened in clear; args: kind, share %;</li>
     *   <li>{@code SENSITIVE_IN_CLEAR} (blocks): an {@code L3}/{@code L4} field opened in clear; args: level;</li>
     *   <li>{@code K_ANONYMITY} (blocks): combinations of quasi-identifier values shared by fewer than k rows; args: k,
     *       smallest class, classes below k, rows in them;</li>
     *   <li>{@code TOO_FEW_ROWS} (blocks): fewer rows than k in all;</li>
     *   <li>{@code PSEUDONYM} (warns): personal data opened as a pseudonym ({@code hash}, {@code fpe}), which still
     *       singles a person out across datasets; args: kind;</li>
     *   <li>{@code COMPANY_CODE} (warns): credit codes opened in clear — public registration data, named so the
     *       reviewer sees it.</li>
     * </ul>
     *
     * @param fix the masking rule text that removes a blocker for {@code field}, or, for k-anonymity, the
     *            generalization of every quasi-identifier (see {@link KAnonymity#suggestion})
     */
    public record Finding(String code, boolean blocks, String field, List<String> args, String fix) {
        public Finding {
            args = List.copyOf(args);
        }
    }

    /**
     * Equivalence classes of the quasi-identifiers' values after the opening's masking, and, when some are smaller than
     * {@code k}, the generalization found to reach it ({@code suggestion}: rule text per quasi-identifier, with the
     * smallest class it gives; empty when even nulling them all cannot).
     */
    public record KAnonymity(List<String> quasiIdentifiers, int k, long classes, long smallestClass, long classesBelowK,
                             long rowsBelowK, Map<String, String> suggestion, long suggestedSmallestClass) {

        public KAnonymity {
            quasiIdentifiers = List.copyOf(quasiIdentifiers);
            var ordered = new java.util.LinkedHashMap<String, String>(); // in the quasi-identifiers' order, however stored
            if (suggestion != null) for (String q : quasiIdentifiers) if (suggestion.containsKey(q)) ordered.put(q, suggestion.get(q));
            suggestion = java.util.Collections.unmodifiableMap(ordered);
        }

        public boolean met() {
            return classesBelowK == 0;
        }
    }
}
