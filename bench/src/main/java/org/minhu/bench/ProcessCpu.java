package org.minhu.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU seconds (user + system) used so far by a process or by every PostgreSQL process, from Linux's /proc. */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** User + system CPU seconds of {@code pid} so far; 0 if it is gone. */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime), counted after the command name
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds of every process named {@code postgres} (the postmaster and its backends). */
    static double postgresSeconds() {
        double pg = 0;
        File[] procs = new File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
        if (procs != null) {
            for (File f : procs) {
                try {
                    if ("postgres".equals(Files.readString(f.toPath().resolve("comm")).trim())) {
                        pg += seconds(Long.parseLong(f.getName()));
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        }
        return pg;
    }
}
