package org.citydata.ingest.internal;

/** A source that broke while being read (connection lost, bad HTTP answer): the run fails with this code and args. */
public final class SourceException extends RuntimeException {

    private final String code;
    private final String[] args;

    public SourceException(String code, Throwable cause, String... args) {
        super(code + " " + String.join(", ", args), cause);
        this.code = code;
        this.args = args;
    }

    public String code() {
        return code;
    }

    public String[] args() {
        return args;
    }
}
