package org.minhu.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU went, from a flight recording ({@code deploy/bench-suite.sh --jfr}): the
 * execution samples counted by the method on top of the stack (self) and by the library the
 * samples pass through (inclusive: a sample counts once for each library on its stack).
 *
 * <pre>java -cp bench/target/classes org.minhu.bench.JfrTop bench/target/suite/jfr/petition-service.jfr [--top 25]</pre>
 */
public final class JfrTop {

    /** Libraries by package prefix, most specific first. */
    private static final List<String[]> LIBRARIES = List.of(
            new String[] {"org.minhu.", "Minhu"},
            new String[] {"org.hibernate.validator.", "Hibernate Validator"},
            new String[] {"org.hibernate.", "Hibernate ORM"},
            new String[] {"org.postgresql.", "pgjdbc"},
            new String[] {"io.agroal.", "Agroal pool"},
            new String[] {"com.arjuna.", "Narayana transactions"},
            new String[] {"io.quarkus.narayana.", "Narayana transactions"},
            new String[] {"org.apache.kafka.", "Kafka client"},
            new String[] {"io.smallrye.reactive.messaging.", "SmallRye Reactive Messaging"},
            new String[] {"io.smallrye.jwt.", "SmallRye JWT"},
            new String[] {"org.jose4j.", "jose4j (JWT)"},
            new String[] {"com.fasterxml.jackson.", "Jackson"},
            new String[] {"io.vertx.", "Vert.x"},
            new String[] {"io.netty.", "Netty"},
            new String[] {"org.jboss.resteasy.reactive.", "RESTEasy Reactive"},
            new String[] {"io.quarkus.", "Quarkus"},
            new String[] {"io.smallrye.", "SmallRye (other)"},
            new String[] {"sun.security.", "JDK crypto"},
            new String[] {"java.security.", "JDK crypto"},
            new String[] {"javax.crypto.", "JDK crypto"},
            new String[] {"java.util.regex.", "JDK regex"},
            new String[] {"java.", "JDK"},
            new String[] {"jdk.", "JDK"},
            new String[] {"sun.", "JDK"});

    private JfrTop() {
    }

    public static void main(String[] args) throws Exception {
        int top = 25;
        for (int i = 1; i + 1 < args.length; i += 2) {
            if ("--top".equals(args[i])) {
                top = Integer.parseInt(args[i + 1]);
            }
        }
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!"jdk.ExecutionSample".equals(e.getEventType().getName())) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            RecordedFrame first = st.getFrames().get(0);
            self.merge(first.getMethod().getType().getName() + "." + first.getMethod().getName(), 1, Integer::sum);
            Set<String> libs = new HashSet<>();
            for (RecordedFrame f : st.getFrames()) {
                libs.add(library(f.getMethod().getType().getName()));
            }
            libs.forEach(l -> inclusive.merge(l, 1, Integer::sum));
        }
        System.out.printf(Locale.ROOT, "%s: %d execution samples%n%nby library on the stack (inclusive)%n", args[0], samples);
        print(inclusive, samples, 30);
        System.out.printf(Locale.ROOT, "%nby method on top of the stack (self)%n");
        print(self, samples, top);
    }

    private static void print(Map<String, Integer> counts, int samples, int limit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(en -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, samples), en.getKey()));
    }

    private static String library(String type) {
        for (String[] l : LIBRARIES) {
            if (type.startsWith(l[0])) {
                return l[1];
            }
        }
        return "other: " + type.substring(0, Math.max(0, type.lastIndexOf('.')));
    }
}
