package org.minhu.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server this module runs in a JVM of its own (the Kafka broker, the object store): how it is started
 * with its output appended to a log, how one waits until it answers, and how one waits for it to end.
 * Written once so that each server states only its class path, its arguments and what "answering" means.
 */
final class ChildJvm {

    /** Whether the server answers yet: true when it does; false or an exception (kept as the reason) when not. */
    @FunctionalInterface
    interface Probe {
        boolean answers() throws Exception;
    }

    private ChildJvm() {
    }

    /**
     * Starts {@code java jvmArgs -cp classPath mainClass args}, its standard output and error appended to
     * {@code log} after a line saying what started and when.
     */
    static Process start(String what, List<String> jvmArgs, String classPath, String mainClass, List<String> args, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "==== " + what + " started at " + Instant.now() + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the " + what, e);
        }
    }

    /**
     * Polls {@code probe} every {@code pause} until it answers; fails at once when the JVM has exited, and
     * after {@code timeout} with the last reason it gave.
     */
    static void awaitReady(Process process, String what, String address, Path log, Duration timeout, Duration pause, Probe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "not answering";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the " + what + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (probe.answers()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the " + what, e);
            } catch (Exception e) {
                last = e.toString();
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the " + what, e);
            }
        }
        throw new IllegalStateException("the " + what + " on " + address + " not ready after " + timeout + ": " + last + "; see " + log);
    }

    /** Waits up to {@code timeout} for the JVM to end; true when it has. */
    static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
