package org.minhu.bench;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A year of Chongqing-like requests: over the 41 regions (the central urban districts busier),
 * the categories (parking, urban management and housing most), the intake channels (the 12345
 * hotline and the app most), with a seasonal curve (summer water and power cuts, the Spring
 * Festival lull) and an hourly one (a morning and an evening peak). Each request carries the
 * moment it was "filed" in that year; the replay files them in that order. The platform stamps
 * what it receives with its own clock, so the curve shapes the mix and the order of the traffic,
 * not the dates the statistics count under.
 */
public final class Traffic {

    public record Request(LocalDateTime filedAt, String category, String region, String channel, String citizen, String title,
                          String description) {

        /** The body of {@code POST /api/v1/petitions} filing this request. */
        public Map<String, Object> body() {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("title", title);
            body.put("description", description);
            body.put("categoryCode", category);
            body.put("regionCode", region);
            body.put("channel", channel);
            body.put("contact", Map.of("name", "王小明", "phone", "13812341234"));
            return body;
        }
    }

    static final Map<String, Integer> CATEGORY_WEIGHTS = Map.ofEntries(
            Map.entry("traffic-parking", 12), Map.entry("urban-management", 12), Map.entry("housing", 10),
            Map.entry("environment", 7), Map.entry("health", 7), Map.entry("education", 6), Map.entry("social-security", 6),
            Map.entry("market-supervision", 5), Map.entry("water", 5), Map.entry("disputes", 5), Map.entry("elderly-care", 4),
            Map.entry("power", 3), Map.entry("enterprise", 3), Map.entry("public-safety", 3), Map.entry("agriculture", 3),
            Map.entry("other", 3), Map.entry("gas", 2), Map.entry("rural-funds", 2), Map.entry("school-meals", 2),
            Map.entry("funeral", 1));
    static final List<String> CENTRAL = List.of("500103", "500104", "500105", "500106", "500107", "500108", "500109",
            "500112", "500113");
    static final String[] CHANNELS = {"hotline", "app", "mini-program", "web", "mailbox"};
    static final double[] CHANNEL_SHARES = {0.30, 0.45, 0.12, 0.10, 0.03};
    /** Relative volume per month, January first: the Spring Festival lull, summer heat (water, power). */
    static final double[] MONTHS = {0.80, 0.70, 0.95, 1.00, 1.05, 1.15, 1.30, 1.30, 1.05, 0.95, 0.95, 0.90};
    /** Relative volume per hour of the day. */
    static final double[] HOURS = {0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.6, 2.0, 2.0, 1.8, 1.2, 1.4, 1.8, 1.9, 1.8, 1.6,
            1.3, 1.4, 1.5, 1.2, 0.8, 0.4};

    private final List<String> regions;
    private final double[] regionWeights;
    private final List<String> categories;
    private final double[] categoryWeights;
    private final Map<String, String> categoryNames;

    private Traffic(List<String> regions, double[] regionWeights, List<String> categories, double[] categoryWeights,
                    Map<String, String> categoryNames) {
        this.regions = regions;
        this.regionWeights = regionWeights;
        this.categories = categories;
        this.categoryWeights = categoryWeights;
        this.categoryNames = categoryNames;
    }

    /** Over the catalogue the platform serves, read through {@code client}. */
    public static Traffic fromCatalogue(GatewayClient client) {
        return from(client.get("/api/v1/regions?level=DISTRICT", null, "GET /regions"),
                client.get("/api/v1/categories", null, "GET /categories"));
    }

    /** From the platform's own catalogue: GET /api/v1/regions?level=DISTRICT and GET /api/v1/categories. */
    static Traffic from(JsonNode regionList, JsonNode categoryList) {
        List<String> regions = new ArrayList<>();
        regionList.forEach(r -> regions.add(r.path("code").asText()));
        double[] rw = regions.stream().mapToDouble(r -> CENTRAL.contains(r) ? 3 : 1).toArray();
        List<String> categories = new ArrayList<>();
        Map<String, String> names = new TreeMap<>();
        categoryList.forEach(c -> {
            categories.add(c.path("code").asText());
            names.put(c.path("code").asText(), c.path("name").path("zh").asText(c.path("code").asText()));
        });
        double[] cw = categories.stream().mapToDouble(c -> CATEGORY_WEIGHTS.getOrDefault(c, 2)).toArray();
        if (regions.size() != 41 || categories.isEmpty()) {
            throw new IllegalStateException("the catalogue has " + regions.size() + " regions and " + categories.size() + " categories");
        }
        return new Traffic(regions, rw, categories, cw, names);
    }

    public Request[] generate(int total, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int year = LocalDate.now().getYear() - 1;
        int citizens = Math.max(1, Math.min(total, 50_000));
        Request[] out = new Request[total];
        for (int i = 0; i < total; i++) {
            int month = pick(rnd, MONTHS);
            int day = 1 + rnd.nextInt(LocalDate.of(year, month + 1, 1).lengthOfMonth());
            LocalDateTime at = LocalDateTime.of(year, month + 1, day, pick(rnd, HOURS), rnd.nextInt(60), rnd.nextInt(60));
            String category = categories.get(pick(rnd, categoryWeights));
            // summer: more water and power requests than the weights alone give
            if ((month == 6 || month == 7) && rnd.nextDouble() < 0.08) {
                category = rnd.nextBoolean() && categories.contains("water") ? "water" : categories.contains("power") ? "power" : category;
            }
            String region = regions.get(pick(rnd, regionWeights));
            String channel = CHANNELS[pick(rnd, CHANNEL_SHARES)];
            String name = categoryNames.getOrDefault(category, category);
            out[i] = new Request(at, category, region, channel, "replay-citizen-" + rnd.nextInt(citizens),
                    name + "问题反映 #" + i, "关于" + name + "的诉求：情况已持续一段时间，影响日常生活，请相关部门尽快核实处理。编号 " + i + "。");
        }
        Arrays.sort(out, Comparator.comparing(Request::filedAt));
        return out;
    }

    void describe(Request[] requests) {
        int[] months = new int[12];
        Map<String, Integer> channels = new TreeMap<>();
        for (Request r : requests) {
            months[r.filedAt().getMonthValue() - 1]++;
            channels.merge(r.channel(), 1, Integer::sum);
        }
        StringBuilder m = new StringBuilder("  by month (filing order):");
        for (int i = 0; i < 12; i++) {
            m.append(String.format(Locale.ROOT, " %d:%,d", i + 1, months[i]));
        }
        System.out.println(m);
        System.out.println("  by channel: " + channels);
    }

    private static int pick(SplittableRandom rnd, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double x = rnd.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
