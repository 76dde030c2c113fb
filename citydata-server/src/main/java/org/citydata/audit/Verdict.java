package org.citydata.audit;

/**
 * What verifying the whole log found: intact, or the first problem. {@code recordIndex} is the sequence number it
 * concerns and {@code headIndex}/{@code headSize} the signed head (its position, oldest first, and its size), -1 and
 * null when they do not apply; {@code verifiedSize} is how many leading records a valid signed head vouches for.
 */
public record Verdict(Finding finding, long recordIndex, int headIndex, Long headSize, long verifiedSize, long records, int heads) {

    public enum Finding {
        /** Every record hashes to its stored leaf hash, every head is validly signed and matches the records. */
        INTACT,
        /** The record at {@code recordIndex} is gone: the sequence skips it. */
        SEQUENCE_GAP,
        /** The record at {@code recordIndex} no longer hashes to the leaf hash stored with it: a field was changed. */
        ALTERED_RECORD,
        /** The head at {@code headIndex} is not signed by the log's key. */
        BAD_SIGNATURE,
        /** The head at {@code headIndex} is dated before the one before it. */
        HEADS_OUT_OF_ORDER,
        /** The head at {@code headIndex} vouches for more records than the log has: records at its end were removed. */
        RECORDS_MISSING,
        /**
         * The records do not give the root signed in the head at {@code headIndex}: a record at or after
         * {@code recordIndex} and before {@code headSize} was changed together with its leaf hash, or moved.
         */
        ROOT_MISMATCH
    }

    public boolean intact() {
        return finding == Finding.INTACT;
    }
}
