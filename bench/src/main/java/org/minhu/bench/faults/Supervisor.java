package org.minhu.bench.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

import org.minhu.bench.Suite;
import org.minhu.localservers.ServiceProcess;

/**
 * What a service manager (systemd, Kubernetes) does for the suite: a process that dies without
 * the fault suite having killed it (an OOM, a crash under an export storm) is restarted on the
 * same port, and the current phase is told, so the report shows it. A fault that takes something
 * away says so first ({@link #hold(String)}); then the fault restarts it itself, after its
 * downtime, and {@link #release(String)}s it.
 */
final class Supervisor implements AutoCloseable {

    static final String KAFKA = "kafka";
    static final String POSTGRES = "postgres";

    private final Suite suite;
    private final FaultServers servers;
    private final Set<String> held = new HashSet<>();
    private final Thread thread;
    private final Consumer<String> pids;
    private volatile Phase phase;
    private volatile boolean running = true;

    /** {@code pids} is told whenever a process was restarted (to keep the leftovers file current). */
    Supervisor(Suite suite, FaultServers servers, Consumer<String> pids) {
        this.suite = suite;
        this.servers = servers;
        this.pids = pids;
        this.thread = new Thread(this::watch, "supervisor");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void phase(Phase phase) {
        this.phase = phase;
    }

    synchronized void hold(String name) {
        held.add(name);
    }

    synchronized void release(String name) {
        held.remove(name);
    }

    private void watch() {
        while (running) {
            try {
                Thread.sleep(1000);
                check();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                note("supervisor: " + e.getMessage());
            }
        }
    }

    private synchronized void check() {
        for (ServiceProcess s : suite.all()) {
            if (!s.isAlive() && !held.contains(s.name()) && running) {
                note(s.name() + " died unexpectedly (see " + s.log().getFileName() + "); the supervisor restarted it");
                Phase p = phase;
                if (p != null) {
                    p.crashed(s.name());
                }
                suite.restart(s.name(), Duration.ofSeconds(180));
                pids.accept(s.name());
            }
        }
        for (var broker : servers.brokers().entrySet()) {
            String name = broker.getKey();
            if (!broker.getValue().isAlive() && !held.contains(name) && running) {
                note("the Kafka broker " + name + " died unexpectedly; the supervisor restarted it");
                broker.getValue().restart();
                pids.accept(name);
            }
        }
        boolean postgresUp = servers.postgres.postmasterPid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
        if (!postgresUp && !held.contains(POSTGRES) && running) {
            note("PostgreSQL died unexpectedly; the supervisor restarted it");
            servers.postgres.kill(); // reaps what is left of it and frees its data directory
            servers.postgres.restart();
            pids.accept(POSTGRES);
        }
    }

    private void note(String text) {
        Phase p = phase;
        System.out.println("    ! " + text);
        if (p != null) {
            p.note(text);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
