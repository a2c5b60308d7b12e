package org.minhu.petition.open311;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error as GeoReport v2 states it: an HTTP status (400, 403 or 404) and a list of
 * {@code {code, description}}, written in the format the request's path asked for.
 */
public class GeoReportException extends RuntimeException {

    private final int status;
    private final String format;
    private final List<Map<String, Object>> errors = new ArrayList<>();

    public GeoReportException(int status, String format, String description) {
        super(description);
        this.status = status;
        this.format = format;
        add(status, description);
    }

    public GeoReportException add(int code, String description) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("description", description);
        errors.add(e);
        return this;
    }

    public int status() {
        return status;
    }

    public String format() {
        return format;
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }
}
