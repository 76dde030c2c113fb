package org.citydata.exchange;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.citydata.exchange.ShareApplication.Status;

/**
 * One step of an application's history: the move, from which state ({@code null} for the submission) to which, who
 * made it (a user name, or {@code system}) for which department, when, and the person's note or reason. {@code dueDate}
 * is the deadline the step set (submission, return). An approval that lets {@code L4} fields out in clear names them
 * in {@code clearL4Fields} with the approver's {@code justification}.
 */
public record ApplicationEvent(
        long id,
        ApplicationAction action,
        Status from,
        Status to,
        String actor,
        String actorDepartmentCode,
        OffsetDateTime at,
        String note,
        LocalDate dueDate,
        List<String> clearL4Fields,
        String justification) {}
