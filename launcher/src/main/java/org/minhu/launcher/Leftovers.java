package org.minhu.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.minhu.localservers.ServiceProcess;

/**
 * What a crashed run may leave behind: the services (their pids are written to
 * {@code data/minhu.pids}) and PostgreSQL (its {@code postmaster.pid}). Stopped before a start.
 */
final class Leftovers {

    private static final String PIDS = "minhu.pids";

    private Leftovers() {
    }

    static void remember(Path data, List<ServiceProcess> services) throws IOException {
        Files.writeString(data.resolve(PIDS), services.stream().map(s -> String.valueOf(s.pid()))
                .collect(Collectors.joining("\n")) + "\n");
    }

    static void forget(Path data) {
        try {
            Files.deleteIfExists(data.resolve(PIDS));
        } catch (IOException e) {
            // nothing to forget
        }
    }

    static Optional<Long> postgresPid(Path data) {
        Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
        try {
            if (Files.exists(pidFile)) {
                return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: nothing we can stop
        }
        return Optional.empty();
    }

    static void stop(Path data) throws IOException {
        Path pids = data.resolve(PIDS);
        if (Files.exists(pids)) {
            for (String line : Files.readAllLines(pids)) {
                if (!line.isBlank()) {
                    kill(Long.parseLong(line.trim()), "a service of an earlier run", "quarkus-run.jar");
                }
            }
            Files.delete(pids);
        }
        Optional<Long> pg = postgresPid(data);
        if (pg.isPresent()) {
            kill(pg.get(), "PostgreSQL of an earlier run", "postgres");
        }
    }

    /** Stops {@code pid} only if it is still what we started (a pid may have been reused since). */
    private static void kill(long pid, String what, String commandPart) {
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> h.info().commandLine()
                .or(() -> h.info().command()).map(c -> c.contains(commandPart)).orElse(false)).ifPresent(h -> {
            System.out.println("Stopping " + what + " (pid " + pid + ")");
            h.destroy();
            try {
                h.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
    }
}
