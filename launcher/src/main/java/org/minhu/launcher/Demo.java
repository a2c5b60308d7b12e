package org.minhu.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.minhu.localservers.LocalIdentity;

/**
 * The demo data: the seed cases of docs/domain.md ("Demo data"), filed through the real APIs and taken to
 * different stages of their life, so every API has something to show.
 */
final class Demo {

    static final String CITIZEN = "citizen-demo";

    private final String petitions;
    private final String assignment;
    private final String feedback;
    private final Map<String, String> citizen;
    private final LocalIdentity identity;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    Demo(String petitions, String assignment, String feedback, LocalIdentity identity) {
        this.identity = identity;
        this.citizen = Map.of("Authorization", "Bearer " + identity.citizen(CITIZEN));
        this.petitions = petitions;
        this.assignment = assignment;
        this.feedback = feedback;
    }

    boolean loaded() throws Exception {
        return send(petitions + "/api/v1/petitions?limit=1", "GET", null, citizen)
                .path("items").size() > 0;
    }

    void load() throws Exception {
        // 万盛经开区 关坝镇中心卫生院: too few hypertension drugs -> signed and answered.
        String clinic = file("关坝镇中心卫生院降压药品种不足", "卫生院常用降压药经常缺货，老人需要到城区购买，希望增加高血压药品的配备。",
                "health", "Z-WSJKQ", "Z-WSJKQ-GUANBA", "app");
        String clinicCase = caseOf("Z-WSJKQ-health", clinic);
        act("Z-WSJKQ-health", clinicCase, "sign", null);
        act("Z-WSJKQ-health", clinicCase, "answer", Map.of("reply", "已协调区药品配送企业，关坝镇中心卫生院自下周起常备三种降压药，并开通慢病长处方。"));
        rate(clinic, "SATISFIED", "SOLVED", "药品已经补齐，谢谢");

        // 南岸区: parking under the bridges -> returned, re-dispatched by the governance centre, signed.
        String parking = file("南坪片区夜间停车难，希望利用桥下空间增设停车位", "小区周边车位严重不足，夜间车辆只能停在路边，影响消防通道。",
                "traffic-parking", "500108", "500108-NANPING", "web");
        String parkingCase = caseOf("500108-transport", parking);
        act("500108-transport", parkingCase, "return", Map.of("reasonCode", "NOT_OUR_JURISDICTION", "reason", "桥下空间停车场建设属城市管理职责"));
        act("500108-gc", parkingCase, "ruling", Map.of("decision", "REDISPATCH", "unitId", "500108-urban-management", "reason", "改派区城市管理局"));
        act("500108-urban-management", parkingCase, "sign", null);

        // 九龙坡区 西彭镇 千秋村: a new loofah variety fails -> the town's agronomists, more time granted.
        String loofah = file("千秋村丝瓜新品种种植失败，请派农技人员指导", "今年引进的丝瓜新品种大面积落果，请镇上派农技专家到田间指导。",
                "agriculture", "500107", "500107-XIPENG", "hotline");
        String loofahCase = caseOf("500107-XIPENG-office", loofah);
        act("500107-XIPENG-office", loofahCase, "sign", null);
        act("500107-XIPENG-office", loofahCase, "extension", Map.of("workingDays", 5, "reason", "需区农技站专家实地诊断"));
        act("500107-gc", loofahCase, "extension/decision", Map.of("approve", true, "reason", "同意延期五个工作日"));

        // 北碚区: a request from the entrepreneur reception day -> waiting to be signed.
        file("企业家接待日：厂房消防验收进度咨询", "企业新建厂房已完工两个月，消防验收迟迟未安排，影响投产。", "enterprise", "500109",
                "500109-TIANSHENG", "mailbox");
        // Singled out for fast handling: funeral services, school meals; and rural funds.
        file("殡仪馆收费项目不透明", "希望公开殡仪服务收费标准。", "funeral", "500113", "500113-LONGZHOUWAN", "mini-program");
        // School meals: answered, rated unsatisfied and not solved -> reopened (重办) under the governance centre.
        String meals = file("学校食堂饭菜分量不足", "孩子反映午餐分量不够，希望加强校园餐监管。", "school-meals", "500108", "500108-DANZISHI", "app");
        String mealsCase = caseOf("500108-education", meals);
        act("500108-education", mealsCase, "sign", null);
        act("500108-education", mealsCase, "answer", Map.of("reply", "已约谈学校食堂承包方，要求按标准配餐。"));
        rate(meals, "UNSATISFIED", "NOT_SOLVED", "分量仍然不够");
        file("乡村振兴项目资金使用情况希望公开", "村里的产业项目资金使用情况不清楚，希望公示。", "rural-funds", "500113", "500113-YUDONG", "web");
    }

    String fileOne() throws Exception {
        return file("解放碑片区停水", "今天上午起解放碑片区停水，没有收到通知。", "water", "500103", "500103-JIEFANGBEI", "hotline",
                UUID.randomUUID().toString());
    }

    String status(String petitionId) throws Exception {
        return send(petitions + "/api/v1/petitions/" + petitionId, "GET", null, citizen)
                .path("status").asText();
    }

    private String file(String title, String description, String category, String region, String town, String channel)
            throws Exception {
        // a key derived from the title: loading the demo twice files nothing twice
        return file(title, description, category, region, town, channel, UUID.nameUUIDFromBytes(title.getBytes()).toString());
    }

    private String file(String title, String description, String category, String region, String town, String channel,
                        String idempotencyKey) throws Exception {
        Map<String, Object> body = Map.of("title", title, "description", description, "categoryCode", category,
                "regionCode", region, "townCode", town, "channel", channel,
                "contact", Map.of("name", "王小明", "phone", "13812341234"));
        return send(petitions + "/api/v1/petitions", "POST", body,
                Map.of("Authorization", citizen.get("Authorization"), "Idempotency-Key", idempotencyKey))
                .path("id").asText();
    }

    /** Rates the latest answer as the demo citizen, once its rating window is open. */
    private void rate(String petitionId, String satisfaction, String solved, String comment) throws Exception {
        String url = feedback + "/api/v1/petitions/" + petitionId + "/feedback";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!openRound(url)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no rating window opened for petition " + petitionId);
            }
            Thread.sleep(200);
        }
        send(url, "POST", Map.of("satisfaction", satisfaction, "solved", solved, "comment", comment),
                citizen);
    }

    private boolean openRound(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", citizen.get("Authorization")).GET().build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 && json.readTree(r.body()).path("openRound").isInt();
    }

    /** Waits until dispatch has created the petition's case, as the given unit sees it. */
    private String caseOf(String unit, String petitionId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode c : send(assignment + "/api/v1/cases?limit=100&sort=dispatched", "GET", null, Map.of("Authorization", "Bearer " + identity.staff(unit)))
                    .path("items")) {
                if (petitionId.equals(c.path("petitionId").asText())) {
                    return c.path("id").asText();
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("petition " + petitionId + " was not dispatched to " + unit);
    }

    private void act(String unit, String caseId, String action, Object body) throws Exception {
        send(assignment + "/api/v1/cases/" + caseId + "/" + action, "POST", body, Map.of("Authorization", "Bearer " + identity.staff(unit)));
    }

    private JsonNode send(String url, String method, Object body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            b.method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw new IOException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isBlank() ? json.createObjectNode() : json.readTree(r.body());
    }

}
