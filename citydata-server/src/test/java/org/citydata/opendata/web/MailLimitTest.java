package org.citydata.opendata.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailLimitTest {

    @Test
    void anAddressGetsItsHourlyMailsHoweverManyClientsAsk() {
        var limit = new MailLimit(2);
        assertThat(limit.refusal("ip:10.0.0.1", "victim@example.com")).isEmpty();
        assertThat(limit.refusal("ip:10.0.0.2", "VICTIM@example.com ")).isEmpty();
        var third = limit.refusal("ip:10.0.0.3", "victim@example.com");
        assertThat(third).isPresent();
        assertThat(third.get().code()).isEqualTo("OPENDATA_TOO_MANY_SUBMISSIONS");
        assertThat(limit.refusal("ip:10.0.0.3", "someone@example.com")).isEmpty();
    }

    @Test
    void aClientGetsItsHourlyMailsWhateverAddressesItUses() {
        var limit = new MailLimit(2);
        assertThat(limit.refusal("ip:10.0.0.9", "a@example.com")).isEmpty();
        assertThat(limit.refusal("ip:10.0.0.9", "b@example.com")).isEmpty();
        assertThat(limit.refusal("ip:10.0.0.9", "c@example.com")).isPresent();
    }
}
