package org.citydata.datastore;

import java.util.List;
import org.citydata.catalog.FieldSpec;

/** A version being loaded: its table exists, readers do not see it until {@link Datastore#commit} switches to it. */
public record VersionLoad(long versionId, long resourceId, int version, String tableName, List<FieldSpec> fields,
                          LoadMode mode) {}
