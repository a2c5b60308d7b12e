package org.minhu.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /q/metrics} (Prometheus text format 0.0.4) read as samples: for reading a
 * counter's value before and after something happened, and for checking that no label names an id
 * or carries personal data ({@link #labelViolations()}).
 */
public final class PrometheusText {

    /** One line of the exposition: a metric name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /**
     * Label names no meter may carry (compared lower-case without {@code _}): they would name an
     * id, a person or a credential, and a label takes one series per value.
     */
    public static final Set<String> FORBIDDEN_LABEL_NAMES = Set.of("id", "petitionid", "caseid", "trackingnumber",
            "phone", "name", "token", "user", "userid", "subject", "petitionerid");

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Minhu's tracking numbers, {@code CQ-20261124-000123}. */
    private static final Pattern TRACKING_NUMBER = Pattern.compile("[A-Z]{2}-\\d{8}-\\d{4,}");
    /** A mainland mobile number: 11 digits starting with 1. */
    private static final Pattern PHONE = Pattern.compile("(?<!\\d)1\\d{10}(?!\\d)");
    /** A long run of digits: a numeric id, a timestamp, a phone number written otherwise. */
    private static final Pattern LONG_DIGITS = Pattern.compile("\\d{11,}");
    /**
     * Meter families of the libraries' own binders whose {@code id} or {@code name} label names a
     * thing of the process, not of a person: a JVM memory pool or buffer pool ({@code jvm_}), a Netty
     * allocator or event-loop thread ({@code netty_}), a fault-tolerance timer ({@code ft_}). Their
     * label names are allowed; their values are checked like every other.
     */
    private static final List<String> PROCESS_METER_PREFIXES = List.of("jvm_", "netty_", "ft_");
    /** Labels whose values are numbers by definition (histogram buckets, summary quantiles). */
    private static final Set<String> NUMERIC_LABELS = Set.of("le", "quantile");

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            samples.add(sample(line));
        }
        return new PrometheusText(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The sum of the samples named {@code name} whose labels include {@code labels}; 0 when there is none. */
    public double sum(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    public double sum(String name) {
        return sum(name, Map.of());
    }

    /** Whether any sample is named {@code name} and carries {@code labels}. */
    public boolean has(String name, Map<String, String> labels) {
        return samples.stream().anyMatch(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()));
    }

    /**
     * Every label that names an id or a person ({@link #FORBIDDEN_LABEL_NAMES}; but see
     * {@link #PROCESS_METER_PREFIXES}) and every label value
     * that looks like a UUID, a tracking number, a mobile number or a long run of digits, as
     * {@code metric{label="value"}: why}; empty when the scrape is clean.
     */
    public List<String> labelViolations() {
        List<String> found = new ArrayList<>();
        for (Sample s : samples) {
            boolean processMeter = PROCESS_METER_PREFIXES.stream().anyMatch(s.name()::startsWith);
            s.labels().forEach((label, value) -> {
                String why = processMeter ? valueViolation(label, value) : violation(label, value);
                if (why != null) {
                    found.add(s.name() + "{" + label + "=\"" + value + "\"}: " + why);
                }
            });
        }
        return found.stream().distinct().toList();
    }

    /** Why {@code label="value"} must not appear in a scrape, or null when it may. */
    public static String violation(String label, String value) {
        if (FORBIDDEN_LABEL_NAMES.contains(label.replace("_", "").toLowerCase(Locale.ROOT))) {
            return "forbidden label name";
        }
        return valueViolation(label, value);
    }

    /** Why {@code value} must not be a label's value, or null when it may. */
    public static String valueViolation(String label, String value) {
        if (UUID.matcher(value).find()) {
            return "a UUID";
        }
        if (TRACKING_NUMBER.matcher(value).find()) {
            return "a tracking number";
        }
        if (PHONE.matcher(value).find()) {
            return "a phone number";
        }
        if (!NUMERIC_LABELS.contains(label) && LONG_DIGITS.matcher(value).find()) {
            return "a long run of digits";
        }
        return null;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq).trim();
                StringBuilder value = new StringBuilder();
                int j = eq + 2; // past ="
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            rest = line.substring(i + 1).trim();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).trim();
        }
        String number = rest.split(" ")[0];
        double value = switch (number) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(number);
        };
        return new Sample(name, labels, value);
    }
}
