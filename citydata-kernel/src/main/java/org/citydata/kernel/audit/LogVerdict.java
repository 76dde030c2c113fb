package org.citydata.kernel.audit;

/**
 * What {@link LogVerifier} found: the log intact, or the first problem. {@code recordIndex} and {@code headIndex}
 * (position in the list of heads) say where, or are -1 when they do not apply. {@code verifiedSize} is how many
 * leading records a valid signed head vouches for.
 */
public record LogVerdict(Finding finding, long recordIndex, int headIndex, long verifiedSize) {

    public enum Finding {
        /** Every head is validly signed and matches the records. */
        INTACT,
        /** A record no longer hashes to the leaf hash stored with it: {@code recordIndex}. */
        ALTERED_RECORD,
        /** The head at {@code headIndex} is not signed by the log's key. */
        BAD_SIGNATURE,
        /** The head at {@code headIndex} is for a smaller log or earlier time than the one before it. */
        HEADS_OUT_OF_ORDER,
        /** The head at {@code headIndex} vouches for more records than the log now has: records were removed. */
        RECORDS_MISSING,
        /**
         * The records do not give the root signed in the head at {@code headIndex}: some record at or after
         * {@code recordIndex} (the size of the last head that matched) and before that head's size was altered,
         * removed, inserted or moved.
         */
        ROOT_MISMATCH
    }

    public boolean intact() {
        return finding == Finding.INTACT;
    }

    static LogVerdict intact(long verifiedSize) {
        return new LogVerdict(Finding.INTACT, -1, -1, verifiedSize);
    }
}
