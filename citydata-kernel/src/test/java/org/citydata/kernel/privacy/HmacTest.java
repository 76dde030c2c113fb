package org.citydata.kernel.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HmacTest {

    @Test
    void givesRfc4231TestCase2() {
        var hmac = new Hmac("Jefe".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(hmac.of("what do ya want for nothing?")))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void threadsSharingOneHmacGetTheSameHashesAsOneThread() throws Exception {
        var hmac = new Hmac("a platform secret, 32 bytes long".getBytes(StandardCharsets.US_ASCII));
        var expected = new ArrayList<String>();
        for (int i = 0; i < 1_000; i++) expected.add(HexFormat.of().formatHex(hmac.of("value " + i)));
        var pool = Executors.newFixedThreadPool(8);
        try {
            var results = new ArrayList<Future<Boolean>>();
            for (int t = 0; t < 8; t++)
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000; i++)
                        if (!HexFormat.of().formatHex(hmac.of("value " + i)).equals(expected.get(i))) return false;
                    return true;
                }));
            for (var r : results) assertThat(r.get()).isTrue();
        } finally {
            pool.shutdown();
        }
    }
}
