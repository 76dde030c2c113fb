package org.citydata.privacy;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.citydata.catalog.Sensitivity;
import org.citydata.kernel.privacy.PiiKind;

/**
 * What a scan found in one field and what it proposes: the evidence (the kind detected, the share of the sample's
 * non-blank values that are of it, how many values were looked at) and the sensitivity with its default masking.
 *
 * @param proposed the level the detected kind calls for, but never lower than {@code current}: detection finds the
 *                 least a field needs, and a steward who set more may have had reasons the values do not show
 * @param masking  the default masking of {@code proposed} for the kind, as stored ({@code hash}, {@code keep(3,4)})
 * @param example  the first non-blank sample value masked with {@code masking}, so the officer sees what readers will
 */
public record FieldProposal(String field, String label, Sensitivity current, PiiKind kind, double share, int sampleSize,
                            Sensitivity proposed, String masking, String example) {

    /** Whether confirming would raise the field's level (the console ticks these for the officer). */
    @JsonProperty("raises")
    public boolean raises() {
        return proposed.compareTo(current) > 0;
    }
}
