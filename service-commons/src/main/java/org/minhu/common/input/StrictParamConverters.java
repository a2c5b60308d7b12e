package org.minhu.common.input;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMatrix;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.minhu.common.problem.ProblemException;

/**
 * Converts query, path and header parameters of the usual types (whole numbers, booleans, UUIDs,
 * enums) and, when a value does not convert, answers 400 naming the parameter. Without it
 * RESTEasy Reactive answers a query or path parameter that does not convert with an empty 404,
 * as JAX-RS prescribes ({@code ?limit=abc} looked like a missing resource). Booleans are strict:
 * only {@code true} or {@code false}, where {@code Boolean.valueOf} read anything else as false.
 * Other types (dates, strings) keep Quarkus' own converters.
 */
@Provider
public class StrictParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", Long::valueOf);
        }
        if (rawType == Short.class || rawType == short.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", Short::valueOf);
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) converter(name, "must be true or false", StrictParamConverters::strictBoolean);
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, "must be a UUID", UUID::fromString);
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            String allowed = Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
            return (ParamConverter<T>) converter(name, "must be one of " + allowed, v -> Enum.valueOf(type, v));
        }
        return null;
    }

    private static Boolean strictBoolean(String value) {
        if ("true".equalsIgnoreCase(value)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(value)) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException(value);
    }

    private static <T> ParamConverter<T> converter(String name, String reason, Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value);
                } catch (RuntimeException e) {
                    // RESTEasy wraps this in a NotFoundException (query, path) or a BadRequestException
                    // (header); ProblemMappers answers the problem inside
                    throw ProblemException.invalidParameter(name, reason);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    /** The parameter's name as its annotation gives it. */
    static String nameOf(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                String name = null;
                if (a instanceof QueryParam q) {
                    name = q.value();
                } else if (a instanceof PathParam p) {
                    name = p.value();
                } else if (a instanceof HeaderParam h) {
                    name = h.value();
                } else if (a instanceof CookieParam c) {
                    name = c.value();
                } else if (a instanceof FormParam f) {
                    name = f.value();
                } else if (a instanceof MatrixParam m) {
                    name = m.value();
                } else if (a instanceof RestQuery q) {
                    name = q.value();
                } else if (a instanceof RestPath p) {
                    name = p.value();
                } else if (a instanceof RestHeader h) {
                    name = h.value();
                } else if (a instanceof RestCookie c) {
                    name = c.value();
                } else if (a instanceof RestForm f) {
                    name = f.value();
                } else if (a instanceof RestMatrix m) {
                    name = m.value();
                }
                if (name != null && !name.isEmpty()) {
                    return name;
                }
            }
        }
        return "parameter";
    }
}
