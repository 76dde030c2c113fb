package org.citydata.exchange;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The terms an approver grants. Everything may be left out to grant what was asked:
 * <ul>
 * <li>{@code fields}: field name → masking rule text ({@code keep(1,0)}, {@code year}, …); only asked fields (the grant lists them in the catalog's
 *     order); a blank rule means the field's default by sensitivity. Absent: every asked field at its default.</li>
 * <li>{@code validFrom}/{@code validUntil}: within the asked period; absent: the asked period.</li>
 * <li>{@code ratePerMinute}, {@code dailyRowQuota}: absent: the platform's defaults.</li>
 * <li>{@code applicationIds}: the requester's applications that may use the grant; absent: those asked for (all of
 *     the department's when none were named).</li>
 * <li>{@code confirmClearL4} and {@code clearJustification}: required together when an {@code L4} field is granted
 *     in {@code clear}.</li>
 * <li>{@code note}: an optional remark for the history.</li>
 * </ul>
 */
public record Approval(
        Map<String, String> fields,
        LocalDate validFrom,
        LocalDate validUntil,
        Integer ratePerMinute,
        Long dailyRowQuota,
        List<Long> applicationIds,
        Boolean confirmClearL4,
        String clearJustification,
        String note) {

    /** Grant what was asked, with every field at its default masking. */
    public static Approval asAsked() {
        return new Approval(null, null, null, null, null, null, null, null, null);
    }
}
