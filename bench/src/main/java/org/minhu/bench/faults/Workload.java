package org.minhu.bench.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

import org.minhu.bench.GatewayClient;
import org.minhu.bench.Traffic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Starts request lives at a steady rate (open loop: a new life every 1/rate s, whatever the
 * earlier ones are waiting for) and runs each to its end through the gateway, as the citizens
 * and units of {@link org.minhu.bench.YearReplay} do, but as clients that live through failures:
 * <ul>
 *   <li>no answer, 5xx and 429 are sent again after a back-off, the filing with the same
 *       Idempotency-Key (and a 409 "key in flight" too: the first attempt may still be running);</li>
 *   <li>a 409 to a retried action or rating is checked against the case or round: when an earlier
 *       attempt had landed and only its answer was lost, the step is done;</li>
 *   <li>what has not happened yet (the case, the open round, the reopen) is polled for;</li>
 *   <li>a life gives up at its deadline and says where.</li>
 * </ul>
 * Every HTTP attempt is recorded in the current {@link Phase}.
 */
final class Workload {

    /** Share of first ratings that reopen the case (UNSATISFIED / NOT_SOLVED): the feedback → assignment path. */
    static final double P_REOPENS = 0.10;
    private static final int MAX_LIVES_IN_FLIGHT = 400;

    private final GatewayClient client;
    private final Traffic.Request[] pool;
    private final long seed;
    private final Duration lifeLimit;
    private final ThreadPoolExecutor executor;
    private final AtomicInteger drawn = new AtomicInteger();
    private final List<Life> lives = new ArrayList<>();
    private final List<Future<?>> running = new ArrayList<>();
    private volatile Phase phase;
    private volatile double rate;
    private volatile boolean starting;
    private Thread scheduler;

    Workload(GatewayClient client, Traffic.Request[] pool, long seed, Duration lifeLimit) {
        this.client = client;
        this.pool = pool;
        this.seed = seed;
        this.lifeLimit = lifeLimit;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(MAX_LIVES_IN_FLIGHT, MAX_LIVES_IN_FLIGHT, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "life-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** Starts lives for {@code phase} at {@code perSecond} until {@link #stopStarting()}. */
    synchronized void begin(Phase phase, double perSecond) {
        this.phase = phase;
        this.rate = perSecond;
        this.starting = true;
        lives.clear();
        running.clear();
        scheduler = new Thread(this::schedule, "life-scheduler");
        scheduler.setDaemon(true);
        scheduler.start();
    }

    /** Changes the rate from now on (a burst). */
    void rate(double perSecond) {
        this.rate = perSecond;
    }

    void stopStarting() throws InterruptedException {
        starting = false;
        scheduler.join();
        phase.loadStoppedAt = System.nanoTime();
    }

    /**
     * Waits until every life of the phase has ended (each gives up at its own deadline); any still
     * running after {@code bound} is interrupted and counted as given up. Returns the lives.
     */
    List<Life> awaitLives(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        List<Future<?>> futures;
        synchronized (this) {
            futures = new ArrayList<>(running);
        }
        for (Future<?> f : futures) {
            long left = deadline - System.nanoTime();
            try {
                f.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                f.cancel(true);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                // a life's failure is recorded on the life itself
            }
        }
        phase.livesDoneAt = System.nanoTime();
        synchronized (this) {
            for (Life l : lives) {
                if (!l.finished && l.gaveUp == null) {
                    l.gaveUp = "abandoned: still running when the phase's bound ran out";
                }
            }
            return new ArrayList<>(lives);
        }
    }

    void shutdown() {
        starting = false;
        executor.shutdownNow();
    }

    private void schedule() {
        long next = System.nanoTime();
        int seq = 0;
        while (starting) {
            long now = System.nanoTime();
            while (next <= now && starting) {
                launch(++seq);
                next += (long) (1e9 / Math.max(0.1, rate));
            }
            sleepQuietly(Math.max(1, Math.min(20, (next - System.nanoTime()) / 1_000_000)));
        }
    }

    private synchronized void launch(int seq) {
        Traffic.Request r = pool[Math.floorMod(drawn.getAndIncrement(), pool.length)];
        SplittableRandom rnd = new SplittableRandom(seed * 7919 + phase.tag.hashCode() * 31L + seq);
        String key = UUID.nameUUIDFromBytes((seed + "/" + phase.tag + "/" + seq).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        Life life = new Life(phase.tag, seq, r, key, rnd.nextDouble() < P_REOPENS);
        lives.add(life);
        Phase p = phase;
        running.add(executor.submit(() -> live(new Ctx(p, System.nanoTime() + lifeLimit.toNanos()), life, rnd)));
    }

    /** A life's phase (where its attempts are recorded) and deadline. */
    private record Ctx(Phase phase, long deadline) {
        void checkDeadline(String step, String why) {
            if (System.nanoTime() > deadline) {
                throw new GiveUp(step + ": " + why + " until the client's time limit");
            }
        }
    }

    /** The client stops trying; the message says at which step and why. */
    private static final class GiveUp extends RuntimeException {
        GiveUp(String message) {
            super(message, null, false, false);
        }
    }

    private void live(Ctx c, Life l, SplittableRandom rnd) {
        try {
            submit(c, l);
            findCase(c, l);
            act(c, l, "sign", null, status -> !"ASSIGNED".equals(status));
            answer(c, l);
            if (l.reopens) {
                rate(c, l, 1, "UNSATISFIED", "NOT_SOLVED");
                poll(c, "reopen", "/api/v1/cases/" + l.caseId, client.staff(l.leadUnit), "GET /cases/{id}",
                        j -> "REOPENED".equals(j.path("status").asText()));
                answer(c, l);
                rate(c, l, 2, "SATISFIED", "SOLVED");
            } else if (rnd.nextDouble() < 0.7) {
                rate(c, l, 1, "SATISFIED", "SOLVED");
            } else {
                rate(c, l, 1, "BASICALLY_SATISFIED", "PARTLY_SOLVED");
            }
        } catch (GiveUp e) {
            l.gaveUp = e.getMessage();
        } catch (RuntimeException e) {
            l.gaveUp = "driver error: " + e;
        } finally {
            l.finished = true;
        }
    }

    private void submit(Ctx c, Life l) {
        Map<String, Object> body = l.request.body();
        body.put("title", l.marker() + " " + l.request.title());
        GatewayClient.Answer a = persist(c, "submit", "POST", "/api/v1/petitions", body, client.citizen(l.request.citizen()),
                "POST /petitions", Map.of("Idempotency-Key", l.idempotencyKey), s -> s == 409);
        if (a.status() != 201) {
            throw giveUp("submit", a);
        }
        l.petitionId = json(a).path("id").asText();
        l.acceptedAt = a.endNs();
        l.replayed = a.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false);
    }

    private void findCase(Ctx c, Life l) {
        String centre = l.request.region() + "-gc";
        JsonNode page = poll(c, "case", "/api/v1/cases?petition=" + l.petitionId, client.staff(centre), "GET /cases?petition",
                j -> j.path("items").size() > 0);
        JsonNode found = page.path("items").path(0);
        l.caseSeenAt = System.nanoTime();
        l.caseId = found.path("id").asText();
        l.leadUnit = found.path("leadUnitId").asText();
    }

    private void answer(Ctx c, Life l) {
        act(c, l, "answer", Map.of("reply", "您反映的问题已收悉，我单位已安排专人现场核实处理，处理结果如下：已整改完毕。"),
                "ANSWERED"::equals);
        l.answers++;
    }

    /**
     * A unit's action on the case. A 409 after a retry may mean the earlier attempt landed and
     * only its answer was lost: the case's status tells ({@code done}); a 409 saying the case was
     * changed at that moment is sent again, as the answer asks.
     */
    private void act(Ctx c, Life l, String action, Object body, Predicate<String> done) {
        String token = client.staff(l.leadUnit);
        for (int tries = 0; ; tries++) {
            GatewayClient.Answer a = persist(c, action, "POST", "/api/v1/cases/" + l.caseId + "/" + action, body, token,
                    "POST /cases/{id}/" + action, Map.of(), s -> false);
            if (a.status() == 200) {
                return;
            }
            if (a.status() == 409) {
                JsonNode now = poll(c, action, "/api/v1/cases/" + l.caseId, token, "GET /cases/{id}", j -> true);
                if (done.test(now.path("status").asText())) {
                    return;
                }
                if (a.text().contains("changed by someone else") && tries < 5) {
                    continue;
                }
            }
            throw giveUp(action, a);
        }
    }

    private void rate(Ctx c, Life l, int round, String satisfaction, String solved) {
        String token = client.citizen(l.request.citizen());
        String path = "/api/v1/petitions/" + l.petitionId + "/feedback";
        String step = "rate round " + round;
        poll(c, step, path, token, "GET /petitions/{id}/feedback", j -> j.path("openRound").asInt(-1) == round);
        GatewayClient.Answer a = persist(c, step, "POST", path, Map.of("satisfaction", satisfaction, "solved", solved), token,
                "POST /petitions/{id}/feedback", Map.of(), s -> false);
        if (a.status() == 201) {
            l.ratedRounds.add(round);
            return;
        }
        if (a.status() == 409) {
            JsonNode rounds = poll(c, step, path, token, "GET /petitions/{id}/feedback", j -> true).path("rounds");
            for (JsonNode r : rounds) {
                if (r.path("round").asInt() == round && "RATED".equals(r.path("status").asText())) {
                    l.ratedRounds.add(round); // an earlier attempt was recorded; its answer was lost
                    return;
                }
            }
        }
        throw giveUp(step, a);
    }

    /**
     * Sends until the answer is not a transient failure (no answer, 5xx, 429, or what
     * {@code alsoRetry} names), backing off; gives up at the life's deadline.
     */
    private GatewayClient.Answer persist(Ctx c, String step, String method, String path, Object body, String token, String endpoint,
                                         Map<String, String> headers, IntPredicate alsoRetry) {
        for (int attempt = 0; ; attempt++) {
            GatewayClient.Answer a = call(c, method, path, body, token, endpoint, headers);
            if (a != null && a.status() < 500 && a.status() != 429 && !alsoRetry.test(a.status())) {
                return a;
            }
            c.checkDeadline(step, a == null ? "no answer" : "answered " + a.status());
            long backoff = Math.min(3000, 200L << Math.min(attempt, 4));
            sleep((long) (backoff * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5)));
        }
    }

    /**
     * Asks until {@code ready} holds; 404 (not known there yet), 5xx and no answer mean "ask again".
     * How long it took is recorded as a wait for an event's effect.
     */
    private JsonNode poll(Ctx c, String step, String path, String token, String endpoint, Predicate<JsonNode> ready) {
        long start = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            GatewayClient.Answer a = call(c, "GET", path, null, token, endpoint, Map.of());
            if (a != null && a.status() == 200) {
                JsonNode j = json(a);
                if (ready.test(j)) {
                    c.phase().waited(start, System.nanoTime());
                    return j;
                }
            } else if (a != null && a.status() != 404 && a.status() != 429 && a.status() < 500) {
                throw giveUp(step, a);
            }
            c.checkDeadline(step, a == null ? "no answer" : a.status() == 200 ? "not there yet" : "answered " + a.status());
            sleep(Math.min(2000, 250L << Math.min(attempt, 3)));
        }
    }

    private GatewayClient.Answer call(Ctx c, String method, String path, Object body, String token, String endpoint,
                                      Map<String, String> headers) {
        long start = System.nanoTime();
        try {
            GatewayClient.Answer a = client.exchange(method, path, body, token, endpoint, headers);
            c.phase().record(endpoint, a.startNs(), a.endNs(), a.status());
            return a;
        } catch (IOException e) {
            c.phase().record(endpoint, start, System.nanoTime(), -1);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GiveUp("interrupted");
        }
    }

    private JsonNode json(GatewayClient.Answer a) {
        try {
            return client.parse(a.body());
        } catch (IOException e) {
            throw new GiveUp("unreadable answer: " + e.getMessage());
        }
    }

    private static GiveUp giveUp(String step, GatewayClient.Answer a) {
        String text = a.text();
        return new GiveUp(step + ": answered " + a.status() + " " + (text.length() > 160 ? text.substring(0, 160) + "…" : text));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GiveUp("interrupted");
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
