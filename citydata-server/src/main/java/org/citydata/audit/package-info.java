/**
 * 留痕: the append-only access log. Every row-level read (and every refused attempt) is one {@link AccessRecord};
 * records are the leaves of an RFC 6962 Merkle tree whose heads are signed, so anyone holding a head can check that a
 * record is in the log and that the log only ever grew. Also answers "who accessed my record".
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.citydata.audit;
