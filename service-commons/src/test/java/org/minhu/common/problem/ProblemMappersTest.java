package org.minhu.common.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Which failure gives which problem+json: status, type, detail and the fields named, with the
 * request path as instance, and never a class name, internal message or stack trace. The mappers
 * run as plain objects (no Quarkus); the exceptions are the ones Jackson, Hibernate Validator and
 * JAX-RS really throw.
 */
class ProblemMappersTest {

    private static final String PATH = "/api/v1/petitions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProblemMappers MAPPERS = new ProblemMappers(new ProblemResponses(JSON));
    private static final UriInfo URI = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(),
            new Class<?>[] {UriInfo.class}, (proxy, method, args) -> {
                if (method.getName().equals("getPath")) {
                    return PATH;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private static final ValidatorFactory VALIDATION = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    enum Satisfaction { SATISFIED, UNSATISFIED }

    static final class Rating {
        public Satisfaction satisfaction;
        public int workingDays;
        public String title;
        public List<Item> items;
    }

    static final class Item {
        public String name;
    }

    record Contact(@NotBlank(message = "is required") String name, @Size(max = 3, message = "must be at most 3") String phone) {
    }

    record NewPetition(@NotBlank(message = "is required") String title, @Valid Contact contact) {
    }

    static final class Resource {
        public void submit(@Valid NewPetition body) {
        }
    }

    private static JsonNode body(Response r) throws JsonProcessingException {
        assertThat(r.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        String text = (String) r.getEntity();
        assertNothingInternal(text);
        return JSON.readTree(text);
    }

    private static void assertNothingInternal(String text) {
        assertThat(text).doesNotContain("Exception", "\tat ", "java.", "org.minhu", "com.fasterxml", "jakarta.");
    }

    private static JsonProcessingException readFailure(String json, ObjectMapper mapper) {
        Throwable t = catchThrowable(() -> mapper.readValue(json, Rating.class));
        assertThat(t).isInstanceOf(JsonProcessingException.class);
        return (JsonProcessingException) t;
    }

    private static String type(String name) {
        return "urn:minhu:problem:" + name;
    }

    @Test
    void aProblemExceptionAnswersItsOwnProblemWithTheRequestPath() throws Exception {
        JsonNode b = body(MAPPERS.problem(ProblemException.unknownValue("category", "xyz", "unknown category"), URI));
        assertThat(b.get("status").asInt()).isEqualTo(422);
        assertThat(b.get("type").asText()).isEqualTo(type("unprocessable"));
        assertThat(b.get("instance").asText()).isEqualTo(PATH);
        assertThat(b.at("/errors/0/field").asText()).isEqualTo("category");
    }

    @Test
    void aProblemThatNamesItsInstanceKeepsIt() throws Exception {
        Problem p = Problem.of(ProblemType.CONFLICT, "not now").withInstance("/api/v1/cases/1");
        Response r = MAPPERS.problem(new ProblemException(p), URI);
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(body(r).get("instance").asText()).isEqualTo("/api/v1/cases/1");
    }

    @Test
    void aBadTokenOrNoneIs401AndAWrongRoleIs403() throws Exception {
        Response bad = MAPPERS.authenticationFailed(new io.quarkus.security.AuthenticationFailedException("signature of kid x"), URI);
        assertThat(bad.getStatus()).isEqualTo(401);
        JsonNode b = body(bad);
        assertThat(b.get("type").asText()).isEqualTo(type("unauthenticated"));
        assertThat(b.get("detail").asText()).doesNotContain("kid x");
        assertThat(MAPPERS.unauthorized(new io.quarkus.security.UnauthorizedException(), URI).getStatus()).isEqualTo(401);
        Response forbidden = MAPPERS.forbidden(new io.quarkus.security.ForbiddenException("role auditor lacks x"), URI);
        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat(body(forbidden).get("type").asText()).isEqualTo(type("forbidden"));
    }

    @Test
    void constraintViolationsAre400NamingEachFieldByItsJsonPathWithoutTheBodyParameter() throws Exception {
        Method submit = Resource.class.getMethod("submit", NewPetition.class);
        Set<ConstraintViolation<Resource>> violations = VALIDATION.getValidator().forExecutables()
                .validateParameters(new Resource(), submit, new Object[] {new NewPetition(" ", new Contact("", "12345"))});
        JsonNode b = body(MAPPERS.validation(new ConstraintViolationException(violations), URI));
        assertThat(b.get("status").asInt()).isEqualTo(400);
        assertThat(b.get("type").asText()).isEqualTo(type("validation"));
        assertThat(b.get("detail").asText()).isEqualTo("Invalid value for: contact.name, contact.phone, title");
        assertThat(b.at("/errors/0/field").asText()).isEqualTo("contact.name");
        assertThat(b.at("/errors/0/reason").asText()).isEqualTo("is required");
        assertThat(b.at("/errors/1/field").asText()).isEqualTo("contact.phone");
        assertThat(b.at("/errors/2/field").asText()).isEqualTo("title");
    }

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheValuesAllowed() throws Exception {
        JsonNode b = body(MAPPERS.json(readFailure("{\"satisfaction\":\"HAPPY\"}", JSON), URI));
        assertThat(b.get("status").asInt()).isEqualTo(400);
        assertThat(b.at("/errors/0/field").asText()).isEqualTo("satisfaction");
        assertThat(b.at("/errors/0/reason").asText()).isEqualTo("must be one of SATISFIED, UNSATISFIED");
    }

    @Test
    void aValueOfTheWrongTypeSaysWhatItMustBe() throws Exception {
        JsonNode number = body(MAPPERS.json(readFailure("{\"workingDays\":\"five\"}", JSON), URI));
        assertThat(number.at("/errors/0/field").asText()).isEqualTo("workingDays");
        assertThat(number.at("/errors/0/reason").asText()).isEqualTo("must be a whole number");
        JsonProcessingException object = readFailure("{\"title\":{\"a\":1}}", JSON);
        assertThat(object).isInstanceOf(MismatchedInputException.class);
        JsonNode text = body(MAPPERS.binding((MismatchedInputException) object, URI));
        assertThat(text.at("/errors/0/field").asText()).isEqualTo("title");
        assertThat(text.at("/errors/0/reason").asText()).isEqualTo("must be a string");
    }

    @Test
    void anUnknownFieldIsNamedWithItsPathIntoArrays() throws Exception {
        JsonNode b = body(MAPPERS.json(readFailure("{\"items\":[{\"name\":\"a\"},{\"nmae\":\"b\"}]}", JSON), URI));
        assertThat(b.get("detail").asText()).isEqualTo("Unknown field: items[1].nmae");
        assertThat(b.at("/errors/0/field").asText()).isEqualTo("items[1].nmae");
    }

    @Test
    void aKeyGivenTwiceIsNamed() throws Exception {
        ObjectMapper strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode b = body(MAPPERS.json(readFailure("{\"title\":\"a\",\"title\":\"b\"}", strict), URI));
        assertThat(b.get("status").asInt()).isEqualTo(400);
        assertThat(b.at("/errors/0/field").asText()).isEqualTo("title");
        assertThat(b.at("/errors/0/reason").asText()).isEqualTo("appears more than once in the same object");
    }

    @Test
    void bodyThatIsNotJsonIsAMalformedRequestWithItsPosition() throws Exception {
        JsonNode b = body(MAPPERS.json(readFailure("{\"title\": nope}", JSON), URI));
        assertThat(b.get("status").asInt()).isEqualTo(400);
        assertThat(b.get("type").asText()).isEqualTo(type("malformed-request"));
        assertThat(b.get("detail").asText()).startsWith("The body is not valid JSON at line 1, column ");
        assertThat(b.has("errors")).isFalse();
    }

    @Test
    void jaxRsRefusalsKeepTheirStatusWithAPlainDetail() throws Exception {
        assertWeb(new NotFoundException(), 404, "not-found", "No resource at this path");
        assertWeb(new NotAllowedException("GET"), 405, "method-not-allowed", "This method is not allowed on this path");
        assertWeb(new NotAcceptableException(), 406, "not-acceptable", "This resource answers application/json");
        assertWeb(new WebApplicationException(413), 413, "payload-too-large", "The request body is larger than the limit");
        assertWeb(new NotSupportedException(), 415, "unsupported-media-type", "Send the body as application/json");
        assertWeb(new WebApplicationException("upstream said x", 502), 502, "internal", "Internal error");
    }

    private static void assertWeb(WebApplicationException e, int status, String type, String detail) throws Exception {
        Response r = MAPPERS.web(e, URI);
        assertThat(r.getStatus()).as(e.getClass().getSimpleName()).isEqualTo(status);
        JsonNode b = body(r);
        assertThat(b.get("type").asText()).isEqualTo(type(type));
        assertThat(b.get("detail").asText()).isEqualTo(detail);
        assertThat(b.get("instance").asText()).isEqualTo(PATH);
    }

    @Test
    void aParameterThatDidNotConvertIs400NotA404() throws Exception {
        Response r = MAPPERS.web(new NotFoundException(new IllegalArgumentException("Text '2026-13-01' could not be parsed")), URI);
        assertThat(r.getStatus()).isEqualTo(400);
        JsonNode b = body(r);
        assertThat(b.get("type").asText()).isEqualTo(type("validation"));
        assertThat(b.get("detail").asText()).isEqualTo("A query or path parameter has the wrong format");
    }

    @Test
    void aWrappedProblemOrJsonFailureIsAnsweredAsItself() throws Exception {
        Response named = MAPPERS.web(new NotFoundException(ProblemException.invalidParameter("limit", "must be a whole number")), URI);
        assertThat(named.getStatus()).isEqualTo(400);
        assertThat(body(named).at("/errors/0/field").asText()).isEqualTo("limit");
        Response json = MAPPERS.web(new WebApplicationException(readFailure("{\"satisfaction\":\"HAPPY\"}", JSON), 400), URI);
        assertThat(body(json).at("/errors/0/field").asText()).isEqualTo("satisfaction");
    }

    @Test
    void anUnexpectedFailureIs500WithAnIncidentIdAndNothingOfTheFailure() throws Exception {
        Response r = MAPPERS.unexpected(new IllegalStateException("password=hunter2 at org.minhu.Secret.leak",
                new NullPointerException("field x")), URI);
        assertThat(r.getStatus()).isEqualTo(500);
        JsonNode b = body(r);
        assertThat(b.get("type").asText()).isEqualTo(type("internal"));
        assertThat(b.get("detail").asText())
                .matches("The request could not be completed\\. Incident [0-9a-f-]{36} has been logged\\.");
        assertThat(b.toString()).doesNotContain("hunter2", "NullPointer", "field x", "Secret");
    }

    @Test
    void aConcurrentChangeAnywhereInTheCauseChainIs409() throws Exception {
        Response r = MAPPERS.unexpected(new RuntimeException("tx failed",
                new jakarta.persistence.OptimisticLockException("Row was updated by another transaction")), URI);
        assertThat(r.getStatus()).isEqualTo(409);
        JsonNode b = body(r);
        assertThat(b.get("type").asText()).isEqualTo(type("conflict"));
        assertThat(b.toString()).doesNotContain("Row was updated");
    }

    @Test
    void aDeadlockWithAConcurrentTransactionIs503WithRetryAfterAndNoIncident() throws Exception {
        Response r = MAPPERS.unexpected(new jakarta.persistence.PessimisticLockException("JDBC exception executing SQL",
                new SQLException("ERROR: deadlock detected. Detail: Process 11291 waits for ShareLock", "40P01")), URI);
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("1");
        JsonNode b = body(r);
        assertThat(b.get("detail").asText()).contains("nothing was changed").doesNotContain("Incident");
        assertThat(b.toString()).doesNotContain("deadlock", "Process 11291");
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfter() throws Exception {
        Response r = MAPPERS.unexpected(new RuntimeException(new SQLException("Connection to 10.0.0.5:5432 refused", "08001")), URI);
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("1");
        JsonNode b = body(r);
        assertThat(b.get("type").asText()).isEqualTo(type("unavailable"));
        assertThat(b.toString()).doesNotContain("10.0.0.5");
    }

    @Test
    void everyProblemTypeHasOneStatusAndAnUnknownStatusFallsBackByClass() {
        assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forStatus(418)).isEqualTo(ProblemType.MALFORMED_REQUEST);
        assertThat(ProblemType.forStatus(502)).isEqualTo(ProblemType.INTERNAL);
        assertThat(ProblemType.IDEMPOTENCY_KEY_REUSED.uri().toString()).isEqualTo(type("idempotency-key-reused"));
    }
}
