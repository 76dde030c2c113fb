package org.citydata.exchange;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.citydata.kernel.privacy.Masking;

/** What an approval settled, checked: the grant is made of these and the application it answers. */
record GrantTerms(Map<String, Masking> fields, LocalDate validFrom, LocalDate validUntil, int ratePerMinute,
                  long dailyRowQuota, Set<Long> applicationIds) {}
