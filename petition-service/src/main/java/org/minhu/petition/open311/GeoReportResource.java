package org.minhu.petition.open311;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.petition.catalogue.Catalogue;
import org.minhu.petition.catalogue.Category;

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), every endpoint in JSON and in XML
 * (the path's extension chooses). A request filed here enters the same pipeline as any other.
 * What Minhu adds or requires is listed in {@code GET discovery} and in README.md, "Open311".
 */
@Path("/open311/v2")
@Tag(name = "Open311 GeoReport v2", description = "The international convention for civic requests, in JSON and XML")
public class GeoReportResource {

    static final String FORMAT = "{format: json|xml}";
    static final Duration MAX_WINDOW = Duration.ofDays(90);

    private final GeoReport geoReport;
    private final GeoReportWriter writer;
    private final Catalogue catalogue;
    private final Open311Clients clients;

    public GeoReportResource(GeoReport geoReport, GeoReportWriter writer, Catalogue catalogue, Open311Clients clients) {
        this.geoReport = geoReport;
        this.writer = writer;
        this.catalogue = catalogue;
        this.clients = clients;
    }

    @GET
    @Path("discovery." + FORMAT)
    @Operation(summary = "Service discovery: endpoints, formats, and what this jurisdiction requires")
    @APIResponse(responseCode = "200", description = "The discovery document", content = {
            @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.OBJECT))})
    public Response discovery(@PathParam("format") String format) {
        return writer.write(200, format, "discovery", geoReport.discovery());
    }

    @GET
    @Path("services." + FORMAT)
    @Operation(summary = "Service list: the request categories")
    @APIResponse(responseCode = "200", description = "Every category", content = {
            @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.Service.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.OBJECT))})
    public Response services(@PathParam("format") String format) {
        return writer.write(200, format, "services", geoReport.services());
    }

    @GET
    @Path("services/{code: [A-Za-z0-9_.-]+?}." + FORMAT)
    @Operation(summary = "Service definition: the attributes a category asks for")
    @APIResponse(responseCode = "200", description = "The definition", content = {
            @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "404", description = "No such service_code (a list of errors)", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.Error.class)))
    public Response definition(@PathParam("code") String code, @PathParam("format") String format) {
        Category category = catalogue.category(code)
                .orElseThrow(() -> new GeoReportException(404, format, "service_code " + code + " not found"));
        return writer.write(200, format, "service_definition", geoReport.definition(category));
    }

    @POST
    @Path("requests." + FORMAT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Create a service request",
            description = "Form fields of GeoReport v2: api_key, service_code, lat and long or address_string, attribute[region] "
                    + "(required here; attribute[town] optional), first_name, last_name, phone (required here: the unit calls back), "
                    + "email, device_id, account_id, description (at most 4,000 characters), media_url.")
    @APIResponse(responseCode = "201", description = "Accepted: the new service_request_id", content = {
            @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.Created.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "400", description = "A field is missing or invalid (a list of errors)", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.Error.class)))
    @APIResponse(responseCode = "403", description = "Missing or invalid api_key", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.Error.class)))
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.STRING)))
    public Response create(@PathParam("format") String format, String body) {
        MultivaluedMap<String, String> form = form(body, format);
        Open311Client client = client(form.getFirst("api_key"), format);
        return writer.write(201, format, "service_requests", List.of(geoReport.create(client, form, format)));
    }

    @GET
    @Path("requests." + FORMAT)
    @Operation(summary = "The client's service requests",
            description = "Only requests filed with this api_key (Minhu shows nobody requests that are not theirs). service_request_id "
                    + "(a comma list) overrides the other filters; start_date and end_date at most 90 days apart, by default the last 90 days; "
                    + "newest first, at most 1,000.")
    @APIResponse(responseCode = "200", description = "The requests", content = {
            @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.ServiceRequest.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.Error.class)))
    @APIResponse(responseCode = "403", description = "Missing or invalid api_key", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.Error.class)))
    public Response requests(@PathParam("format") String format, @QueryParam("api_key") String apiKey,
                             @QueryParam("service_request_id") String ids, @QueryParam("service_code") String serviceCode,
                             @Parameter(description = "ISO 8601, for example 2026-11-01T00:00:00+08:00") @QueryParam("start_date") String startDate,
                             @QueryParam("end_date") String endDate,
                             @Parameter(schema = @Schema(enumeration = {"open", "closed"})) @QueryParam("status") String status) {
        Open311Client client = client(apiKey, format);
        if (ids != null && !ids.isBlank()) {
            List<UUID> list = Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> uuid(s, format, "service_request_id")).toList();
            if (list.size() > 1000) {
                throw new GeoReportException(400, format, "service_request_id: at most 1,000 ids");
            }
            return writer.write(200, format, "service_requests", geoReport.byIds(client, list));
        }
        OffsetDateTime end = endDate == null || endDate.isBlank() ? OffsetDateTime.now(GeoReport.CHINA) : date(endDate, format, "end_date");
        OffsetDateTime start = startDate == null || startDate.isBlank() ? end.minus(MAX_WINDOW) : date(startDate, format, "start_date");
        if (start.isAfter(end)) {
            throw new GeoReportException(400, format, "start_date: must not be after end_date");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw new GeoReportException(400, format, "start_date, end_date: at most 90 days apart");
        }
        if (status != null && !status.isBlank() && !List.of("open", "closed").contains(status)) {
            throw new GeoReportException(400, format, "status: must be open or closed");
        }
        if (serviceCode != null && !serviceCode.isBlank() && catalogue.category(serviceCode).isEmpty()) {
            throw new GeoReportException(400, format, "service_code: " + serviceCode + " is not a service of this jurisdiction");
        }
        return writer.write(200, format, "service_requests", geoReport.search(client, serviceCode, start, end, status));
    }

    @GET
    @Path("requests/{id: [0-9a-fA-F-]+?}." + FORMAT)
    @Operation(summary = "One service request of the client's")
    @APIResponse(responseCode = "200", description = "The request (a list of one)", content = {
            @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.ServiceRequest.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "403", description = "Missing or invalid api_key", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.Error.class)))
    @APIResponse(responseCode = "404", description = "No such request of this client's", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.Error.class)))
    public Response request(@PathParam("id") String id, @PathParam("format") String format, @QueryParam("api_key") String apiKey) {
        Open311Client client = client(apiKey, format);
        List<Map<String, Object>> found = geoReport.byIds(client, List.of(uuid(id, format, "service_request_id")));
        if (found.isEmpty()) {
            throw new GeoReportException(404, format, "service_request_id " + id + " not found");
        }
        return writer.write(200, format, "service_requests", found);
    }

    @GET
    @Path("tokens/{token: [0-9a-fA-F-]+?}." + FORMAT)
    @Operation(summary = "The service_request_id behind a token",
            description = "Minhu accepts requests at once and answers their service_request_id; the token it gives is that id, so a client "
                    + "written for asynchronous jurisdictions works unchanged.")
    @APIResponse(responseCode = "200", description = "The token and its service_request_id", content = {
            @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.Token.class)),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "404", description = "No such token of this client's", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = GeoReportDocs.Error.class)))
    public Response token(@PathParam("token") String token, @PathParam("format") String format, @QueryParam("api_key") String apiKey) {
        Open311Client client = client(apiKey, format);
        UUID id = uuid(token, format, "token");
        if (geoReport.byIds(client, List.of(id)).isEmpty()) {
            throw new GeoReportException(404, format, "token " + token + " not found");
        }
        return writer.write(200, format, "service_requests", List.of(Map.of("service_request_id", id.toString(), "token", id.toString())));
    }

    private Open311Client client(String apiKey, String format) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new GeoReportException(403, format, "api_key: missing");
        }
        return clients.authenticate(apiKey).orElseThrow(() -> new GeoReportException(403, format, "api_key: invalid or revoked"));
    }

    /**
     * The form body, decoded here rather than by the framework: bad percent-encoding
     * ({@code %ZZ}, a truncated {@code %A}) is the client's mistake, answered as a GeoReport
     * error list naming the field, not a 500.
     */
    static MultivaluedMap<String, String> form(String body, String format) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        GeoReportException errors = null;
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String name;
            try {
                name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                String shown = rawName.length() > 40 ? rawName.substring(0, 40) + "…" : rawName;
                errors = badEncoding(errors, format, "a field name (" + shown + ")");
                continue;
            }
            try {
                form.add(name, URLDecoder.decode(rawValue, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                errors = badEncoding(errors, format, name);
            }
        }
        if (errors != null) {
            throw errors;
        }
        return form;
    }

    private static GeoReportException badEncoding(GeoReportException errors, String format, String field) {
        String description = field + ": invalid percent-encoding (each % must be followed by two hexadecimal digits)";
        return errors == null ? new GeoReportException(400, format, description) : errors.add(400, description);
    }

    static UUID uuid(String s, String format, String field) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new GeoReportException(404, format, field + " " + s + " not found");
        }
    }

    static OffsetDateTime date(String s, String format, String field) {
        try {
            return OffsetDateTime.parse(s.strip().replace(' ', '+'));
        } catch (DateTimeParseException e) {
            throw new GeoReportException(400, format, field + ": must be an ISO 8601 date-time with offset, for example 2026-11-01T00:00:00+08:00");
        }
    }

    /** GeoReport errors in the format of the path. */
    @Provider
    public static class Errors implements jakarta.ws.rs.ext.ExceptionMapper<GeoReportException> {

        private final GeoReportWriter writer;

        public Errors(GeoReportWriter writer) {
            this.writer = writer;
        }

        @Override
        public Response toResponse(GeoReportException e) {
            return writer.write(e.status(), e.format(), "errors", e.errors());
        }
    }
}
