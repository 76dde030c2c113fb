package org.citydata.opendata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Mail to developers. Every message is first stored in the outbox ({@code opendata_mail}), in the caller's transaction,
 * so a mail exists exactly when what it announces was committed. When {@code spring.mail.host} is set (Spring Boot then
 * provides a {@link JavaMailSender}) it is also sent, after that commit; a failure is written beside the message and
 * tried again a few times. With no host nothing is sent: the outbox is the record, and the bureau reads it
 * ({@code GET /api/v1/opendata/mail}) to pass a confirmation link on by hand.
 */
@Service
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private static final int ATTEMPTS = 3;
    private static final String SELECT = "select id, recipient, subject, body, created_at, sent_at, attempts, error from opendata_mail";

    private final JdbcClient db;
    private final AccessPolicy policy;
    private final JavaMailSender sender;
    private final String from;

    Mailer(JdbcClient db, AccessPolicy policy, ObjectProvider<JavaMailSender> sender,
           @Value("${citydata.opendata.mail.from:citydata@localhost}") String from) {
        this.db = db;
        this.policy = policy;
        this.sender = sender.getIfAvailable();
        this.from = from;
    }

    /** Stores the message and, with an SMTP server configured, sends it once the caller's transaction commits. */
    public void send(String recipient, String subject, String body) {
        long id = db.sql("insert into opendata_mail (recipient, subject, body) values (?, ?, ?) returning id")
                .params(recipient, subject, body).query(Long.class).single();
        if (sender == null) return;
        if (TransactionSynchronizationManager.isSynchronizationActive())
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(id, recipient, subject, body);
                }
            });
        else deliver(id, recipient, subject, body);
    }

    /** Whether mail leaves the platform: an SMTP server is configured. Without one the outbox is all there is. */
    public boolean delivers() {
        return sender != null;
    }

    /** The outbox, newest first, for the bureau; {@code recipient} (any case) narrows it to one address. */
    public Result<List<Mail>> outbox(Actor actor, String recipient, int page, int size) {
        if (!policy.canManageDevelopers(actor)) return AccessPolicy.denied("mail");
        int limit = Math.max(1, Math.min(size, 200));
        long offset = (long) Math.max(page, 0) * limit;
        if (recipient == null || recipient.isBlank())
            return Result.ok(db.sql(SELECT + " order by id desc limit ? offset ?").params(limit, offset).query(Mailer::map).list());
        return Result.ok(db.sql(SELECT + " where lower(recipient) = lower(?) order by id desc limit ? offset ?")
                .params(recipient.strip(), limit, offset).query(Mailer::map).list());
    }

    /** Messages whose sending failed, tried again (the server may have been down a moment). */
    @Scheduled(fixedDelayString = "${citydata.opendata.mail.retry:PT1M}")
    public void retry() {
        if (sender == null) return;
        db.sql(SELECT + " where sent_at is null and error is not null and attempts < ? order by id limit 50").param(ATTEMPTS)
                .query(Mailer::map).list()
                .forEach(m -> deliver(m.id(), m.recipient(), m.subject(), m.body()));
    }

    private void deliver(long id, String recipient, String subject, String body) {
        var message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(recipient);
        message.setSubject(subject);
        message.setText(body);
        try {
            sender.send(message);
            db.sql("update opendata_mail set sent_at = now(), attempts = attempts + 1, error = null where id = ?").param(id).update();
        } catch (MailException e) {
            log.warn("mail #{} to {} not sent: {}", id, recipient, e.getMessage());
            db.sql("update opendata_mail set attempts = attempts + 1, error = ? where id = ?")
                    .params(String.valueOf(e.getMessage()), id).update();
        }
    }

    private static Mail map(ResultSet rs, int row) throws SQLException {
        return new Mail(rs.getLong("id"), rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class),
                rs.getInt("attempts"), rs.getString("error"));
    }
}
