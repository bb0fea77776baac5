package dev.memlens.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.memlens.syntax.ast.Module;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only stand-in for the parser: asks CPython ({@code pyast_dump.py}) for the AST and rebuilds our records from
 * its JSON generically. It exists so the analysis can be tested on real source before the grammar lands; it is
 * unused once {@code SourceParser} parses.
 */
public final class PyAstBridge {
    private PyAstBridge() {
    }

    public static Module parse(Path file) throws IOException, InterruptedException {
        Path script = Path.of("src/test/resources/pyast/pyast_dump.py");
        Process p = new ProcessBuilder("python3", script.toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("python3 could not parse " + file);
        }
        JsonObject json = JsonParser.parseString(new String(out, StandardCharsets.UTF_8)).getAsJsonObject();
        return (Module) build(json, Module.class);
    }

    /** Rebuilds a module from the JSON {@code pyast_dump.py} wrote. */
    public static Module fromJson(String json) {
        return (Module) build(JsonParser.parseString(json).getAsJsonObject(), Module.class);
    }

    public static Module parse(String source) throws IOException, InterruptedException {
        Path tmp = Files.createTempFile("memlens", ".py");
        try {
            Files.writeString(tmp, source);
            return parse(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Object build(JsonElement e, Type type) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (type instanceof ParameterizedType pt) {
            List<Object> list = new ArrayList<>();
            for (JsonElement x : e.getAsJsonArray()) {
                list.add(build(x, pt.getActualTypeArguments()[0]));
            }
            return list;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return e.getAsString();
        }
        if (c == int.class) {
            return e.getAsInt();
        }
        if (c == boolean.class) {
            return e.getAsBoolean();
        }
        if (c.isEnum()) {
            for (Object k : c.getEnumConstants()) {
                if (((Enum<?>) k).name().equals(e.getAsString())) {
                    return k;
                }
            }
            throw new IllegalArgumentException(c + " " + e);
        }
        JsonObject o = e.getAsJsonObject();
        if (c.isInterface()) {
            String name = o.get("_t").getAsString();
            for (Class<?> sub : c.getPermittedSubclasses()) {
                if (sub.getSimpleName().equals(name)) {
                    c = sub;
                    break;
                }
            }
            if (c.isInterface()) {
                throw new IllegalArgumentException("no " + name + " in " + type);
            }
        }
        RecordComponent[] comps = c.getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
            Object v = build(o.get(comps[i].getName()), comps[i].getGenericType());
            if (v == null && List.class.isAssignableFrom(types[i])) {
                v = List.of();
            }
            values[i] = v;
        }
        try {
            return c.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(c.getName(), ex);
        }
    }

}
