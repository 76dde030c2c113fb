package org.citydata.audit;

import java.util.List;

/** That the log of head {@code to} extends the log of head {@code from}: the RFC 6962 consistency proof, hashes in hex. */
public record ConsistencyProof(SignedHead from, SignedHead to, List<String> proof) {}
