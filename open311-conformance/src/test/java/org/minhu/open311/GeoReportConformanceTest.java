package org.minhu.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.minhu.open311.GeoReportStub.Flaw;

/**
 * The conformance suite against a stub server: clean when the stub follows the specification,
 * and a FAIL line naming the flaw for each way the stub can be made to break it.
 */
class GeoReportConformanceTest {

    /** The check that must fail for each flaw (a part of its name). */
    static final Map<Flaw, String> EXPECTED = Map.of(
            Flaw.MISSING_SERVICE_NAME, "has service_code, service_name",
            Flaw.STATUS_OUTSIDE_OPEN_CLOSED, "status is open or closed",
            Flaw.DATE_WITHOUT_OFFSET, "requested_datetime is ISO 8601 with an offset",
            Flaw.ERRORS_AS_TEXT, "services/{unknown}.json lists errors with code and description",
            Flaw.WRONG_KEY_ACCEPTED, "with a wrong api_key answers 403",
            Flaw.DESCRIPTION_NOT_UTF8, "description came back as sent (UTF-8)",
            Flaw.XML_WRONG_ROOT, "GET services.xml has the root element <services>",
            Flaw.STATUS_FILTER_IGNORED, "status=closed leaves the new open request out",
            Flaw.EMPTY_LISTS, "holds the new request",
            Flaw.DATES_IGNORED, "of a past window leaves out what was filed now");

    static List<GeoReportConformance.Result> run(Flaw... flaws) throws Exception {
        try (GeoReportStub stub = new GeoReportStub(flaws)) {
            return new GeoReportConformance(stub.baseUrl(), GeoReportStub.KEY, "29.5630", "106.5516", "13800138000").run();
        }
    }

    static List<String> failures(List<GeoReportConformance.Result> results) {
        return results.stream().filter(r -> !r.passed()).map(Object::toString).toList();
    }

    @Test
    void aServerThatFollowsTheSpecificationPassesEveryCheck() throws Exception {
        List<GeoReportConformance.Result> results = run();
        assertThat(failures(results)).isEmpty();
        assertThat(results).hasSizeGreaterThan(60);
    }

    @ParameterizedTest
    @EnumSource(Flaw.class)
    void eachKnownViolationProducesAFailLineNamingIt(Flaw flaw) throws Exception {
        assertThat(EXPECTED).containsKey(flaw);
        List<String> failed = failures(run(flaw));
        assertThat(failed).as("FAIL lines for " + flaw).anyMatch(line -> line.contains(EXPECTED.get(flaw)));
    }
}
