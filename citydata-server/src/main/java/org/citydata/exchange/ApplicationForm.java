package org.citydata.exchange;

import java.time.LocalDate;
import java.util.List;

/**
 * What a department asks for: the resource by code, the fields by name, purpose (用途), legal basis (依据; required
 * for conditionally shared resources), the period, the expected calls a day, a contact, and optionally which of its
 * applications (API token numbers) will use the data — all of them when empty.
 */
public record ApplicationForm(
        String resourceCode,
        List<String> fields,
        String purpose,
        String legalBasis,
        LocalDate periodFrom,
        LocalDate periodTo,
        Integer dailyCalls,
        String contactName,
        String contactPhone,
        List<Long> applicationIds) {}
