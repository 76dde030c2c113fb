package org.citydata.opendata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubmissionThrottleTest {

    @Test
    void aClientGetsItsHourlyNumberOfSubmissionsAndNoMoreWhileOthersStillGetTheirs() {
        var throttle = new SubmissionThrottle(3);
        assertThat(throttle.admit("ip:10.0.0.1")).isTrue();
        assertThat(throttle.admit("ip:10.0.0.1")).isTrue();
        assertThat(throttle.admit("ip:10.0.0.1")).isTrue();
        assertThat(throttle.admit("ip:10.0.0.1")).isFalse();
        assertThat(throttle.admit("ip:10.0.0.2")).isTrue();
    }
}
