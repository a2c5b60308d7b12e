package org.minhu.petition.open311;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MultivaluedMap;

import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.petition.caller.Caller;
import org.minhu.petition.catalogue.Catalogue;
import org.minhu.petition.catalogue.Category;
import org.minhu.petition.catalogue.Region;
import org.minhu.petition.petition.Channel;
import org.minhu.petition.petition.NewPetition;
import org.minhu.petition.petition.Petition;
import org.minhu.petition.petition.PetitionService;
import org.minhu.petition.petition.PetitionStatus;
import org.minhu.petition.petition.PetitionViews;

/**
 * GeoReport v2's documents built from Minhu's catalogue and petitions, and a request filed
 * through it turned into a petition. Field names are the specification's; what Minhu adds
 * carries the {@code minhu_} prefix.
 */
@ApplicationScoped
public class GeoReport {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    static final String CHANGESET = "2026-11-25T00:00:00+08:00";
    /** Our states that are still being worked on; the rest are closed. */
    static final Set<PetitionStatus> OPEN = Set.of(PetitionStatus.SUBMITTED, PetitionStatus.ASSIGNED, PetitionStatus.ACCEPTED,
            PetitionStatus.RETURNED, PetitionStatus.TRANSFERRED, PetitionStatus.EXTENDED, PetitionStatus.OVERDUE,
            PetitionStatus.ESCALATED, PetitionStatus.REOPENED);
    static final int MAX_RESULTS = 1000;

    private final Catalogue catalogue;
    private final PetitionService petitions;
    private final Validator validator;
    private final Open311Pseudonyms pseudonyms;
    private final org.minhu.petition.attachment.AttachmentService attachments;

    public GeoReport(Catalogue catalogue, PetitionService petitions, Validator validator, Open311Pseudonyms pseudonyms,
                     org.minhu.petition.attachment.AttachmentService attachments) {
        this.attachments = attachments;
        this.catalogue = catalogue;
        this.petitions = petitions;
        this.validator = validator;
        this.pseudonyms = pseudonyms;
    }

    Map<String, Object> discovery() {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
        endpoint.put("url", "/open311/v2");
        endpoint.put("changeset", CHANGESET);
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("text/xml", "application/json"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("changeset", CHANGESET);
        d.put("contact", "Minhu (民呼) platform administrators; API keys are issued through POST /api/v1/open311-clients");
        d.put("key_service", "An administrator issues a key per client application (POST /api/v1/open311-clients).");
        d.put("endpoints", List.of(endpoint));
        d.put("minhu_requirements", "api_key on every requests and tokens call (a client reads only what it filed); "
                + "attribute[region] on POST requests; phone and a name on POST requests (the unit calls the petitioner back)");
        return d;
    }

    List<Map<String, Object>> services() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Category c : catalogue.categories()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("service_code", c.code);
            s.put("service_name", c.nameZh);
            s.put("description", c.nameEn + " (" + c.nameZh + "); handling " + c.handling);
            s.put("metadata", true); // every service asks for the region
            s.put("type", "realtime");
            s.put("keywords", c.keywords == null ? "" : c.keywords);
            s.put("group", c.groupZh);
            s.put("minhu_service_name_en", c.nameEn);
            s.put("minhu_group_code", c.groupCode);
            s.put("minhu_handling", c.handling);
            out.add(s);
        }
        return out;
    }

    Map<String, Object> definition(Category category) {
        List<Map<String, Object>> regions = new ArrayList<>();
        List<Map<String, Object>> towns = new ArrayList<>();
        for (Region r : catalogue.regions()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("key", r.code);
            v.put("name", r.nameZh + " " + r.nameEn);
            (Region.DISTRICT.equals(r.level) ? regions : towns).add(v);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("service_code", category.code);
        d.put("attributes", List.of(
                attribute("region", "singlevaluelist", true, 1, "District-level region (区县) where the problem is", regions),
                attribute("town", "singlevaluelist", false, 2, "Town or street (镇街) inside that region, if known", towns)));
        return d;
    }

    private static Map<String, Object> attribute(String code, String datatype, boolean required, int order, String description,
                                                 List<Map<String, Object>> values) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("variable", true);
        a.put("code", code);
        a.put("datatype", datatype);
        a.put("required", required);
        a.put("datatype_description", "one key of the values");
        a.put("order", order);
        a.put("description", description);
        a.put("values", values);
        return a;
    }

    /** Files the request as a petition of the client's user; its answer is the new service_request_id. */
    @Transactional
    Map<String, Object> create(Open311Client client, MultivaluedMap<String, String> form, String format) {
        GeoReportException errors = null;
        String serviceCode = field(form, "service_code");
        Category category = null;
        if (serviceCode == null) {
            errors = error(errors, format, "service_code: missing");
        } else {
            category = catalogue.category(serviceCode).orElse(null);
            if (category == null) {
                errors = error(errors, format, "service_code: " + serviceCode + " is not a service of this jurisdiction");
            }
        }
        String region = field(form, "attribute[region]");
        if (region == null) {
            errors = error(errors, format, "attribute[region]: missing (a region key of GET services/{service_code})");
        }
        String lat = field(form, "lat");
        String lon = field(form, "long");
        String address = field(form, "address_string");
        BigDecimal latitude = null;
        BigDecimal longitude = null;
        if ((lat == null) != (lon == null)) {
            errors = error(errors, format, "lat, long: give both, or neither and address_string");
        } else if (lat != null) {
            try {
                latitude = new BigDecimal(lat);
                longitude = new BigDecimal(lon);
            } catch (NumberFormatException e) {
                errors = error(errors, format, "lat, long: must be decimal degrees (WGS-84)");
            }
        } else if (address == null) {
            errors = error(errors, format, "lat, long, address_string: a location is required (lat and long, or address_string)");
        }
        String mediaUrl = field(form, "media_url");
        if (mediaUrl != null && (!mediaUrl.matches("https?://\\S+") || mediaUrl.length() > 2000)) {
            errors = error(errors, format, "media_url: must be an http or https URL of at most 2,000 characters");
        }
        String description = field(form, "description");
        if (description == null) {
            errors = error(errors, format, "description: missing");
        }
        String name = String.join(" ", java.util.stream.Stream.of(field(form, "last_name"), field(form, "first_name"))
                .filter(java.util.Objects::nonNull).toList());
        if (name.isEmpty()) {
            errors = error(errors, format, "first_name, last_name: a name is required (the unit calls the petitioner back)");
        }
        String phone = field(form, "phone");
        if (phone == null) {
            errors = error(errors, format, "phone: missing (the unit calls the petitioner back)");
        }
        if (errors != null) {
            throw errors;
        }
        String title = category.nameZh + "：" + (description.length() > 60 ? description.substring(0, 60) + "…" : description);
        NewPetition request = new NewPetition(title, description, category.code, region, field(form, "attribute[town]"),
                new NewPetition.Location(latitude, longitude, address), Channel.APP, new NewPetition.Contact(name, phone, null));
        Set<ConstraintViolation<NewPetition>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            GeoReportException invalid = null;
            for (ConstraintViolation<NewPetition> v : violations) {
                invalid = error(invalid, format, open311Field(v.getPropertyPath().toString()) + ": " + v.getMessage());
            }
            throw invalid;
        }
        String who = java.util.stream.Stream.of(field(form, "account_id"), field(form, "email"), field(form, "device_id"), phone)
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        PetitionViews.PetitionView view;
        try {
            // a keyed pseudonym: the same person of the same application is the same petitioner, and no phone
            // number or e-mail address travels in the subject (which the events carry), nor can be found from it
            view = petitions.submit(Caller.citizen(pseudonyms.subject(client, who)), request, v -> {
                Petition p = Petition.findById(v.id());
                p.open311ClientId = client.id;
                p.mediaUrl = mediaUrl;
            });
        } catch (ProblemException e) {
            throw fromProblem(e.problem(), format);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", view.id().toString());
        answer.put("service_notice", "受理编号 " + view.trackingNumber() + "; the handling unit answers within its deadline");
        answer.put("account_id", field(form, "account_id"));
        answer.put("minhu_tracking_number", view.trackingNumber());
        return answer;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    List<Map<String, Object>> byIds(Open311Client client, List<UUID> ids) {
        List<Petition> found = Petition.list("open311ClientId = ?1 and id in ?2 order by submittedAt desc", client.id, ids);
        return requests(found);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    List<Map<String, Object>> search(Open311Client client, String serviceCode, OffsetDateTime start, OffsetDateTime end, String status) {
        StringBuilder q = new StringBuilder("open311ClientId = :client and submittedAt >= :start and submittedAt <= :end");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("client", client.id);
        params.put("start", start.toInstant());
        params.put("end", end.toInstant());
        if (serviceCode != null && !serviceCode.isBlank()) {
            q.append(" and categoryCode = :category");
            params.put("category", serviceCode);
        }
        if (status != null && !status.isBlank()) {
            q.append("open".equals(status) ? " and status in :states" : " and status not in :states");
            params.put("states", OPEN);
        }
        List<Petition> found = Petition.<Petition>find(q + " order by submittedAt desc, id desc", params).range(0, MAX_RESULTS - 1).list();
        return requests(found);
    }

    /** GeoReport's status of a Minhu status: open while the request is being handled, closed otherwise. */
    static String open311Status(PetitionStatus status) {
        return OPEN.contains(status) ? "open" : "closed";
    }

    /** The requests with each one's first attachment (its media_url), looked up in one query. */
    private List<Map<String, Object>> requests(List<Petition> found) {
        Map<java.util.UUID, String> media = attachments.firstUrls(found.stream().map(p -> p.id).toList());
        return found.stream().map(p -> request(p, media.get(p.id))).toList();
    }

    Map<String, Object> request(Petition p) {
        return request(p, attachments.firstUrls(List.of(p.id)).get(p.id));
    }

    /**
     * {@code attachmentUrl}: the download path of the request's first attachment (附件), which is its media_url
     * when there is one (it needs a token that may read the request); otherwise the URL the client gave.
     */
    Map<String, Object> request(Petition p, String attachmentUrl) {
        Category category = catalogue.category(p.categoryCode).orElseThrow();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", p.id.toString());
        r.put("status", open311Status(p.status));
        r.put("status_notes", p.reply);
        r.put("service_name", category.nameZh);
        r.put("service_code", p.categoryCode);
        r.put("description", p.description);
        r.put("agency_responsible", p.unitNameZh);
        r.put("service_notice", null);
        r.put("requested_datetime", iso(p.submittedAt));
        r.put("updated_datetime", iso(p.updatedAt));
        r.put("expected_datetime", iso(p.answerDeadline));
        r.put("address", p.address);
        r.put("address_id", null);
        r.put("zipcode", null);
        r.put("lat", p.latitude);
        r.put("long", p.longitude);
        r.put("media_url", attachmentUrl != null ? attachmentUrl : p.mediaUrl);
        r.put("minhu_status", p.status.name());
        r.put("minhu_tracking_number", p.trackingNumber);
        r.put("minhu_region", p.regionCode);
        r.put("minhu_town", p.townCode);
        return r;
    }

    static String iso(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).atZone(CHINA).toOffsetDateTime().format(ISO);
    }

    private static String field(MultivaluedMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static GeoReportException error(GeoReportException errors, String format, String description) {
        return errors == null ? new GeoReportException(400, format, description) : errors.add(400, description);
    }

    /** Our field names as the client sent them. */
    static String open311Field(String path) {
        return switch (path) {
            case "categoryCode" -> "service_code";
            case "regionCode" -> "attribute[region]";
            case "townCode" -> "attribute[town]";
            case "location.latitude" -> "lat";
            case "location.longitude" -> "long";
            case "location.address" -> "address_string";
            case "contact.name" -> "first_name, last_name";
            case "contact.phone" -> "phone";
            case "title", "description" -> "description";
            default -> path;
        };
    }

    private static GeoReportException fromProblem(Problem problem, String format) {
        GeoReportException e = null;
        if (problem.errors() != null && !problem.errors().isEmpty()) {
            for (Problem.FieldError f : problem.errors()) {
                e = error(e, format, open311Field(f.field()) + ": " + f.reason());
            }
            return e;
        }
        return new GeoReportException(400, format, problem.detail());
    }
}
