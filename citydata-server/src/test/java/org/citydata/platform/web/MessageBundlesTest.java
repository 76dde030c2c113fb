package org.citydata.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Chinese first, English second: every message exists in both, with the same placeholders. */
class MessageBundlesTest {

    private static Properties load(String name) throws Exception {
        var p = new Properties();
        try (var in = new InputStreamReader(MessageBundlesTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholders() throws Exception {
        var zh = load("messages.properties");
        var en = load("messages_en.properties");
        assertThat(en.stringPropertyNames()).isEqualTo(zh.stringPropertyNames());
        var placeholder = Pattern.compile("\\{\\d+}");
        for (String key : zh.stringPropertyNames()) {
            var a = placeholder.matcher(zh.getProperty(key)).results().map(m -> m.group()).sorted().toList();
            var b = placeholder.matcher(en.getProperty(key)).results().map(m -> m.group()).sorted().toList();
            assertThat(b).as(key).isEqualTo(a);
        }
    }

    /** A key written twice keeps only its last text: a message silently replaced elsewhere in the file. */
    @Test
    void noKeyIsWrittenTwice() throws Exception {
        for (String name : java.util.List.of("messages.properties", "messages_en.properties")) {
            var seen = new java.util.HashSet<String>();
            var twice = new java.util.ArrayList<String>();
            try (var in = new java.io.BufferedReader(new InputStreamReader(MessageBundlesTest.class.getResourceAsStream("/" + name),
                    StandardCharsets.UTF_8))) {
                in.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && l.contains("="))
                        .map(l -> l.substring(0, l.indexOf('=')).strip()).forEach(k -> { if (!seen.add(k)) twice.add(k); });
            }
            assertThat(twice).as(name).isEmpty();
        }
    }
}
