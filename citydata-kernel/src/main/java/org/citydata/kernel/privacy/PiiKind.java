package org.citydata.kernel.privacy;

import java.util.Optional;
import org.citydata.kernel.quality.ValueKind;

/**
 * Kinds of personal or identifying data that masking defaults and detection know about. Wider than
 * {@link ValueKind}: a name or an e-mail address is a plain string to the quality checks but not to privacy.
 */
public enum PiiKind {
    /** Set by a data steward; names cannot be told from other text by their form. */
    PERSON_NAME("L3"),
    RESIDENT_ID("L4"),
    /** Identifies an organisation, whose registration is public; sensitive only in combination. */
    CREDIT_CODE("L2"),
    MOBILE("L3"),
    EMAIL("L3"),
    BANK_CARD("L4");

    private final String proposedSensitivity;

    PiiKind(String proposedSensitivity) {
        this.proposedSensitivity = proposedSensitivity;
    }

    /** The sensitivity level detection proposes for a field of this kind; a steward may raise or lower it. */
    public String proposedSensitivity() {
        return proposedSensitivity;
    }

    /** The privacy kind a field type implies, if any. */
    public static Optional<PiiKind> of(ValueKind kind) {
        if (kind == null) return Optional.empty();
        return switch (kind) {
            case RESIDENT_ID -> Optional.of(RESIDENT_ID);
            case CREDIT_CODE -> Optional.of(CREDIT_CODE);
            case MOBILE -> Optional.of(MOBILE);
            default -> Optional.empty();
        };
    }
}
