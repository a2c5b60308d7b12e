package org.minhu.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A value has the type the schema says or the body is refused. Each body refused here is first shown
 * to be read by Jackson's default mapper, so it is the customizer, not Jackson, that refuses it.
 */
class StrictJsonTest {

    enum Satisfaction { SATISFIED, UNSATISFIED }

    /** A body as the services declare them: an enum, a string, a boolean and a whole number. */
    static final class Body {
        public Satisfaction satisfaction;
        public String title;
        public boolean urgent;
        public int workingDays;
    }

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static void refused(String json, String why) throws JsonProcessingException {
        // Jackson's defaults take it (0 as SATISFIED, 1 as "1" or true, 1.5 as 1, the last of two keys)
        assertThat(new ObjectMapper().readValue(json, Body.class)).as("the default mapper reads " + json).isNotNull();
        assertThatThrownBy(() -> strict().readValue(json, Body.class)).as(why).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aWellTypedBodyIsRead() throws JsonProcessingException {
        Body body = strict().readValue(
                "{\"satisfaction\":\"UNSATISFIED\",\"title\":\"降压药不足 \uD83D\uDE00\",\"urgent\":true,\"workingDays\":3}", Body.class);
        assertThat(body.satisfaction).isEqualTo(Satisfaction.UNSATISFIED);
        assertThat(body.title).isEqualTo("降压药不足 \uD83D\uDE00");
        assertThat(body.urgent).isTrue();
        assertThat(body.workingDays).isEqualTo(3);
    }

    @Test
    void numbersAreNoEnumsStringsOrBooleans() throws JsonProcessingException {
        refused("{\"satisfaction\":0}", "a number for an enum");
        refused("{\"satisfaction\":1}", "a number for an enum");
        refused("{\"title\":1}", "a whole number for a string");
        refused("{\"title\":1.5}", "a fraction for a string");
        refused("{\"urgent\":1}", "a number for a boolean");
    }

    @Test
    void booleansAreNoStrings() throws JsonProcessingException {
        refused("{\"title\":true}", "a boolean for a string");
    }

    @Test
    void aFractionIsNoWholeNumber() throws JsonProcessingException {
        refused("{\"workingDays\":1.5}", "a fraction for an int");
        refused("{\"workingDays\":2.0}", "a float for an int, even a whole one");
    }

    @Test
    void aKeyGivenTwiceIsRefusedInBodiesAndInEventTrees() throws JsonProcessingException {
        refused("{\"title\":\"a\",\"title\":\"b\"}", "a duplicate key");
        String event = "{\"id\":\"e-1\",\"type\":\"org.minhu.petition.submitted\",\"type\":\"org.minhu.case.answered\"}";
        assertThat(new ObjectMapper().readTree(event).path("type").asText()).isEqualTo("org.minhu.case.answered");
        assertThatThrownBy(() -> strict().readTree(event)).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Duplicate field 'type'");
    }

    @Test
    void aNulOrALoneSurrogateInAnyStringIsRefusedNamingTheReason() throws JsonProcessingException {
        assertThat(new ObjectMapper().readValue("{\"title\":\"a\\u0000b\"}", Body.class).title).isEqualTo("a\u0000b");
        assertThatThrownBy(() -> strict().readValue("{\"title\":\"a\\u0000b\"}", Body.class))
                .isInstanceOfSatisfying(InvalidTextException.class, e -> assertThat(e.reason()).contains("NUL"));
        assertThatThrownBy(() -> strict().readValue("{\"title\":\"a\\ud83d b\"}", Body.class))
                .isInstanceOfSatisfying(InvalidTextException.class, e -> assertThat(e.reason()).contains("lone surrogate"));
    }
}
