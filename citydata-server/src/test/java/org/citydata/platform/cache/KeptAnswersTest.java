package org.citydata.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KeptAnswersTest {

    private final AtomicInteger computed = new AtomicInteger();
    private final Function<String, String> compute = q -> q + "#" + computed.incrementAndGet();

    @Test
    void theSameQuestionInTheSameStateIsComputedOnce() {
        var answers = new KeptAnswers<String, String>(10);
        var source = new Object();
        assertThat(answers.get(source, 1, "a", compute)).isEqualTo("a#1");
        assertThat(answers.get(source, 1, "a", compute)).isEqualTo("a#1");
        assertThat(answers.get(source, 1, "b", compute)).isEqualTo("b#2");
        assertThat(computed).hasValue(2);
    }

    @Test
    void anotherSourceInstanceOrGenerationStartsAfresh() {
        var answers = new KeptAnswers<String, String>(10);
        var source = new Object();
        answers.get(source, 1, "a", compute);
        assertThat(answers.get(new Object(), 1, "a", compute)).isEqualTo("a#2");
        var replaced = new Object();
        answers.get(replaced, 1, "a", compute);
        assertThat(answers.get(replaced, 2, "a", compute)).isEqualTo("a#4");
        assertThat(answers.get(replaced, 2, "a", compute)).isEqualTo("a#4");
    }

    @Test
    void whenFullEverythingIsDroppedAndKeptAfresh() {
        var answers = new KeptAnswers<String, String>(2);
        var source = new Object();
        answers.get(source, 1, "a", compute);
        answers.get(source, 1, "b", compute);
        assertThat(answers.get(source, 1, "c", compute)).isEqualTo("c#3"); // full: a and b dropped, c kept
        assertThat(answers.get(source, 1, "c", compute)).isEqualTo("c#3");
        assertThat(answers.get(source, 1, "a", compute)).isEqualTo("a#4");
    }

    @Test
    void noneKeptWhenMostIsZero() {
        var answers = new KeptAnswers<String, String>(0);
        var source = new Object();
        answers.get(source, 1, "a", compute);
        assertThat(answers.get(source, 1, "a", compute)).isEqualTo("a#2");
    }
}
