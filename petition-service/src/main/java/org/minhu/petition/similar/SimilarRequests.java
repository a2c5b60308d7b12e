package org.minhu.petition.similar;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minhu.common.privacy.PersonalData;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.time.ChinaTime;
import org.minhu.petition.catalogue.Catalogue;
import org.minhu.petition.catalogue.CatalogueViews;
import org.minhu.petition.catalogue.Category;
import org.minhu.petition.catalogue.Region;
import org.minhu.petition.config.PetitionConfig;
import org.minhu.petition.petition.NewPetition;
import org.minhu.petition.petition.Petition;
import org.minhu.petition.petition.PetitionStatus;

/**
 * 重复诉求提示 and 附议: the open requests like the one a citizen is about to file, and citizens saying "I have this
 * too" instead of filing again. What leaves here about another citizen's request is {@link SimilarViews.SimilarRequest}:
 * no description, contact, address, coordinates, petitioner or attachments, and the title masked ({@link #maskStrictly}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class SimilarRequests {

    /** Ended, or answered and rated or closed: no longer a request to join. An ANSWERED one may still be reopened. */
    public static final Set<PetitionStatus> ENDED = EnumSet.of(PetitionStatus.RATED, PetitionStatus.CLOSED,
            PetitionStatus.WITHDRAWN, PetitionStatus.REJECTED, PetitionStatus.HANDED_OFF);


    private static final double EARTH_RADIUS_M = 6_371_008.8;
    private static final double METRES_PER_DEGREE = 111_320;

    private final Catalogue catalogue;
    private final PetitionConfig config;
    private final EntityManager em;

    public SimilarRequests(Catalogue catalogue, PetitionConfig config, EntityManager em) {
        this.catalogue = catalogue;
        this.config = config;
        this.em = em;
    }

    public static boolean open(PetitionStatus status) {
        return !ENDED.contains(status);
    }

    /** What the caller is about to file, checked: a 400 naming the field for anything wrong. */
    public record Query(Category category, Region region, Region town, String title, String description,
                        BigDecimal latitude, BigDecimal longitude) {

        public static final int MAX_TITLE = 200;
        // 200 + 200 Chinese characters percent-encoded (9 characters each) fit the gateway's and Vert.x's 4096-character request line
        public static final int MAX_DESCRIPTION = 200;

        boolean located() {
            return latitude != null;
        }
    }

    public Query parse(String categoryCode, String regionCode, String townCode, String title, String description,
                       String latitude, String longitude) {
        if (categoryCode == null || categoryCode.isBlank()) {
            throw ProblemException.invalidParameter("categoryCode", "is required");
        }
        Category category = catalogue.category(categoryCode)
                .orElseThrow(() -> ProblemException.invalidParameter("categoryCode", "unknown category"));
        if (regionCode == null || regionCode.isBlank()) {
            throw ProblemException.invalidParameter("regionCode", "is required");
        }
        Region region = catalogue.region(regionCode).filter(r -> Region.DISTRICT.equals(r.level))
                .orElseThrow(() -> ProblemException.invalidParameter("regionCode", "not a district-level region"));
        Region town = null;
        if (townCode != null && !townCode.isBlank()) {
            town = catalogue.region(townCode).filter(t -> region.code.equals(t.parentCode))
                    .orElseThrow(() -> ProblemException.invalidParameter("townCode", "not a town or street of region " + region.code));
        }
        if (title != null && title.length() > Query.MAX_TITLE) {
            throw ProblemException.invalidParameter("title", "must be at most " + Query.MAX_TITLE + " characters");
        }
        if (description != null && description.length() > Query.MAX_DESCRIPTION) {
            throw ProblemException.invalidParameter("description", "must be at most " + Query.MAX_DESCRIPTION
                    + " characters (send the beginning: it is enough to compare)");
        }
        if (blank(title) && blank(description)) {
            throw ProblemException.invalidParameter("title", "give a title or a description to compare");
        }
        BigDecimal lat = coordinate("latitude", latitude, NewPetition.MIN_LATITUDE, NewPetition.MAX_LATITUDE);
        BigDecimal lon = coordinate("longitude", longitude, NewPetition.MIN_LONGITUDE, NewPetition.MAX_LONGITUDE);
        if (lat == null && lon != null) {
            throw ProblemException.invalidParameter("latitude", "is required when longitude is given");
        }
        if (lon == null && lat != null) {
            throw ProblemException.invalidParameter("longitude", "is required when latitude is given");
        }
        return new Query(category, region, town, strip(title), strip(description), lat, lon);
    }

    /**
     * Up to {@code max-results} open requests of the same category, filed in the category's last days, in the same
     * town (the same region when no town is given) or within the category's radius when both have coordinates, whose
     * text is at least {@code min-similarity} alike; most alike first. {@code citizen}: the caller's subject when a
     * citizen calls (to say which are theirs and which they support), else null.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SimilarViews.SimilarList similar(String citizen, Query q) {
        Instant since = Instant.now().minus(q.category().similarDays, ChronoUnit.DAYS);
        int radius = q.category().similarRadiusM;
        StringBuilder where = new StringBuilder("categoryCode = :category and status not in :ended and submittedAt >= :since and (");
        Map<String, Object> params = new HashMap<>();
        params.put("category", q.category().code);
        params.put("ended", ENDED);
        params.put("since", since);
        if (q.town() != null) {
            where.append("townCode = :town");
            params.put("town", q.town().code);
        } else {
            where.append("regionCode = :region");
            params.put("region", q.region().code);
        }
        if (q.located()) {
            // a box around the circle, then the circle in Java
            double dLat = radius / METRES_PER_DEGREE;
            double dLon = radius / (METRES_PER_DEGREE * Math.cos(Math.toRadians(q.latitude().doubleValue())));
            where.append(" or (latitude between :latMin and :latMax and longitude between :lonMin and :lonMax)");
            params.put("latMin", BigDecimal.valueOf(q.latitude().doubleValue() - dLat));
            params.put("latMax", BigDecimal.valueOf(q.latitude().doubleValue() + dLat));
            params.put("lonMin", BigDecimal.valueOf(q.longitude().doubleValue() - dLon));
            params.put("lonMax", BigDecimal.valueOf(q.longitude().doubleValue() + dLon));
        }
        where.append(") order by submittedAt desc, id desc");
        List<Petition> candidates = Petition.<Petition>find(where.toString(), params)
                .page(0, config.similar().candidates()).list();

        record Scored(Petition p, Integer distance, double similarity) {
        }
        List<Scored> scored = new ArrayList<>();
        String queryTitle = q.title() == null ? "" : q.title();
        String queryText = queryTitle + " " + (q.description() == null ? "" : q.description());
        for (Petition p : candidates) {
            Integer distance = null;
            if (q.located() && p.latitude != null && p.longitude != null) {
                // between the centres of the grid cells both points fall in, never the stored point itself: a caller
                // moving the query point about learns the cell (about 200 m across), not where the petitioner stood
                distance = (int) Math.round(metres(cell(q.latitude()), cell(q.longitude()), cell(p.latitude), cell(p.longitude)));
            }
            boolean samePlace = q.town() != null ? q.town().code.equals(p.townCode) : q.region().code.equals(p.regionCode);
            if (!samePlace && (distance == null || distance > radius)) {
                continue;
            }
            // compared with the masked text: the score must not tell whether a hidden description holds a number
            String title = maskStrictly(p.title);
            double similarity = Math.max(TextSimilarity.dice(queryTitle, title),
                    TextSimilarity.dice(queryText, title + " " + maskStrictly(p.description)));
            if (similarity >= config.similar().minSimilarity()) {
                scored.add(new Scored(p, distance, similarity));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::similarity).reversed()
                .thenComparing(s -> s.distance() == null ? Integer.MAX_VALUE : s.distance())
                .thenComparing(s -> s.p().submittedAt, Comparator.reverseOrder()));
        List<Scored> top = scored.subList(0, Math.min(scored.size(), config.similar().maxResults()));
        List<UUID> ids = top.stream().map(s -> s.p().id).toList();
        Map<UUID, Long> counts = counts(ids);
        Set<UUID> supported = supportedBy(citizen, ids);
        List<SimilarViews.SimilarRequest> items = new ArrayList<>(top.size());
        for (Scored s : top) {
            items.add(view(s.p(), citizen, s.distance() == null ? null : roundUp100(s.distance()),
                    // in tenths only: a finer score over text the caller never sees would answer their guesses about it
                    Math.round(s.similarity() * 10) / 10.0, counts.getOrDefault(s.p().id, 0L), supported.contains(s.p().id)));
        }
        return new SimilarViews.SimilarList(items);
    }

    /** The result of a support or its withdrawal, and whether it changed anything. */
    public record Change(SimilarViews.SupportView view, boolean changed) {
    }

    /**
     * 附议: the citizen has this problem too. Once per citizen and request (a repeat changes nothing); only on an open
     * request (409) that is not their own (422).
     */
    public Change support(String citizen, UUID id) {
        Petition p = joinable(citizen, id, "support");
        int inserted = em.createNativeQuery("INSERT INTO petition_supporter (petition_id, citizen, created_at) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (petition_id, citizen) DO NOTHING")
                .setParameter(1, p.id).setParameter(2, citizen).setParameter(3, Instant.now().truncatedTo(ChronoUnit.MICROS))
                .executeUpdate();
        return new Change(new SimilarViews.SupportView(p.id, count(p.id), true), inserted == 1);
    }

    /** Withdraws the citizen's support (nothing to withdraw is no error); only while the request is open (409). */
    public Change withdraw(String citizen, UUID id) {
        Petition p = joinable(citizen, id, "withdraw support from");
        int deleted = em.createNativeQuery("DELETE FROM petition_supporter WHERE petition_id = ?1 AND citizen = ?2")
                .setParameter(1, p.id).setParameter(2, citizen).executeUpdate();
        return new Change(new SimilarViews.SupportView(p.id, count(p.id), false), deleted == 1);
    }

    private Petition joinable(String citizen, UUID id, String what) {
        Petition p = Petition.<Petition>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No request " + id));
        if (p.petitionerId.equals(citizen)) {
            throw new ProblemException(Problem.of(ProblemType.UNPROCESSABLE, "Request " + p.trackingNumber
                    + " is your own: you cannot " + what + " it; add information to it instead"));
        }
        if (!open(p.status)) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "Request " + p.trackingNumber + " is " + p.status
                    + ": only an open request can be supported. File a new request if the problem is still there."));
        }
        return p;
    }

    /** How many citizens support the request. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(UUID id) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM petition_supporter WHERE petition_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
    }

    /** The requests the citizen supports, latest support first, one keyset page ({@code limit}, {@code cursor}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SimilarViews.SupportedPage supporting(String citizen, int limit, String cursor) {
        StringBuilder sql = new StringBuilder("SELECT petition_id, created_at FROM petition_supporter WHERE citizen = ?1");
        Instant afterTime = null;
        UUID afterId = null;
        if (cursor != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                afterTime = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
                if (!org.minhu.common.time.ChinaTime.plausible(afterTime)) {
                    throw new IllegalArgumentException("out of range");
                }
            } catch (RuntimeException e) {
                throw ProblemException.invalidParameter("cursor", "is not a cursor this API returned");
            }
            sql.append(" AND (created_at, petition_id) < (?2, ?3)");
        }
        sql.append(" ORDER BY created_at DESC, petition_id DESC LIMIT ").append(limit + 1);
        jakarta.persistence.Query query = em.createNativeQuery(sql.toString()).setParameter(1, citizen);
        if (cursor != null) {
            query.setParameter(2, afterTime).setParameter(3, afterId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        boolean more = rows.size() > limit;
        List<Object[]> page = more ? rows.subList(0, limit) : rows;
        List<UUID> ids = page.stream().map(r -> (UUID) r[0]).toList();
        Map<UUID, Petition> petitions = new HashMap<>();
        if (!ids.isEmpty()) {
            Petition.<Petition>list("id in ?1", ids).forEach(p -> petitions.put(p.id, p));
        }
        Map<UUID, Long> counts = counts(ids);
        List<SimilarViews.SimilarRequest> items = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Petition p = petitions.get(id);
            items.add(view(p, citizen, null, null, counts.getOrDefault(id, 0L), true));
        }
        String next = null;
        if (more) {
            Object[] last = page.get(page.size() - 1);
            String raw = instant(last[1]) + "|" + last[0];
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }
        return new SimilarViews.SupportedPage(items, limit, next);
    }

    private SimilarViews.SimilarRequest view(Petition p, String citizen, Integer distance, Double similarity, long supporters,
                                             boolean supporting) {
        return new SimilarViews.SimilarRequest(p.id, p.trackingNumber, maskStrictly(p.title), p.status,
                ChinaTime.of(p.submittedAt).toLocalDate(), ref(p.regionCode), ref(p.townCode), distance, similarity, supporters,
                supporting, p.petitionerId.equals(citizen));
    }

    private Map<UUID, Long> counts(List<UUID> ids) {
        Map<UUID, Long> counts = new HashMap<>();
        if (ids.isEmpty()) {
            return counts;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT petition_id, count(*) FROM petition_supporter "
                + "WHERE petition_id IN (?1) GROUP BY petition_id").setParameter(1, ids).getResultList();
        rows.forEach(r -> counts.put((UUID) r[0], ((Number) r[1]).longValue()));
        return counts;
    }

    private Set<UUID> supportedBy(String citizen, List<UUID> ids) {
        Set<UUID> supported = new HashSet<>();
        if (citizen == null || ids.isEmpty()) {
            return supported;
        }
        @SuppressWarnings("unchecked")
        List<UUID> rows = em.createNativeQuery("SELECT petition_id FROM petition_supporter WHERE citizen = ?1 AND petition_id IN (?2)")
                .setParameter(1, citizen).setParameter(2, ids).getResultList();
        supported.addAll(rows);
        return supported;
    }

    /**
     * The title as anyone may see it: {@link PersonalData#mask}, and then no digit kept of a masked number (an
     * auditor's view keeps a phone's last four; here the tracking number is shown beside it, and the tracking
     * lookup's secret is the contact phone's last four digits).
     */
    public static String maskStrictly(String text) {
        return PersonalData.maskStrictly(text);
    }

    private CatalogueViews.Ref ref(String code) {
        if (code == null) {
            return null;
        }
        return catalogue.region(code).map(r -> CatalogueViews.Ref.of(r)).orElse(new CatalogueViews.Ref(code, null));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    /** Great-circle distance (haversine). */
    static double metres(BigDecimal lat1, BigDecimal lon1, BigDecimal lat2, BigDecimal lon2) {
        double p1 = Math.toRadians(lat1.doubleValue());
        double p2 = Math.toRadians(lat2.doubleValue());
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2.doubleValue() - lon1.doubleValue());
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** A distance as shown: up to the next 100 m (at least 100), so repeated searches do not pin a request's place down. */
    /** A grid of 0.002° (about 220 m north-south, 195 m east-west in Chongqing): the centre of the cell {@code degrees} is in. */
    static BigDecimal cell(BigDecimal degrees) {
        BigDecimal size = new BigDecimal("0.002");
        return degrees.divide(size, 0, java.math.RoundingMode.FLOOR).multiply(size).add(new BigDecimal("0.001"));
    }

    static int roundUp100(int metres) {
        return Math.max(100, (int) Math.ceil(metres / 100.0) * 100);
    }

    private static BigDecimal coordinate(String name, String value, String min, String max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        BigDecimal v;
        try {
            v = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidParameter(name, "must be a decimal number");
        }
        if (v.compareTo(new BigDecimal(min)) < 0 || v.compareTo(new BigDecimal(max)) > 0) {
            throw ProblemException.invalidParameter(name, "must be inside Chongqing (" + min + " to " + max + ")");
        }
        return v;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String strip(String s) {
        return blank(s) ? null : s.strip();
    }
}
