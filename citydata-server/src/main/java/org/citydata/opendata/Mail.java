package org.citydata.opendata;

import java.time.OffsetDateTime;

/**
 * One message in the outbox. {@code sentAt} is null until an SMTP server took it; with none configured it stays null
 * and the outbox is the record. {@code error} is the last sending failure, if any.
 */
public record Mail(long id, String recipient, String subject, String body, OffsetDateTime createdAt, OffsetDateTime sentAt,
                   int attempts, String error) {}
