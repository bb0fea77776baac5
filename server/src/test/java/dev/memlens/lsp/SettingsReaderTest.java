package dev.memlens.lsp;

import com.google.gson.JsonParser;
import dev.memlens.features.Settings;
import dev.memlens.features.Settings.RefcountMode;
import dev.memlens.features.Settings.RuleLevel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsReaderTest {

    private static SettingsReader.Result read(String json) {
        return SettingsReader.read(json == null ? null : JsonParser.parseString(json));
    }

    @Test
    void nothingMeansDefaults() {
        assertEquals(Settings.DEFAULTS, read(null).settings());
        assertEquals(Settings.DEFAULTS, read("{}").settings());
        assertEquals(Settings.DEFAULTS, read("null").settings());
        assertEquals(RefcountMode.ALIASED, Settings.DEFAULTS.hints().refcount());
        assertEquals(150, Settings.DEFAULTS.debounceMs());
    }

    @Test
    void everyKeyInTheSectionForm() {
        Settings s = read("""
                {"hints": {"alias": false, "mutation": false, "copyDepth": false, "refcount": "all",
                           "identity": false},
                 "rules": {"select": ["MEM1"], "ignore": ["MEM105"], "severity": {"MEM101": "error", "MEM2": "off"}},
                 "log": {"level": "debug"}, "analysis": {"debounceMs": 40}}""").settings();
        assertFalse(s.hints().alias() || s.hints().mutation() || s.hints().copyDepth() || s.hints().identity());
        assertEquals(RefcountMode.ALL, s.hints().refcount());
        assertEquals(List.of("MEM1"), s.rules().select());
        assertEquals(List.of("MEM105"), s.rules().ignore());
        assertEquals(Map.of("MEM101", RuleLevel.ERROR, "MEM2", RuleLevel.OFF), s.rules().severity());
        assertEquals(Settings.LogLevel.DEBUG, s.logLevel());
        assertEquals(40, s.debounceMs());
    }

    @Test
    void wrappedAndDottedFormsAreTheSame() {
        Settings nested = read("{\"memlens\": {\"hints\": {\"refcount\": \"off\"}, \"rules\": {\"ignore\": \"A, B\"}}}")
                .settings();
        Settings dotted = read("{\"memlens.hints.refcount\": \"OFF\", \"memlens.rules.ignore\": [\"A\", \"B\"]}")
                .settings();
        Settings inner = read("{\"hints.refcount\": \"off\", \"rules\": {\"ignore\": [\"A\", \"B\"]}}").settings();
        Settings initOptions = read("{\"settings\": {\"memlens\": {\"hints\": {\"refcount\": \"off\"},"
                + " \"rules.ignore\": [\"A\", \"B\"]}}}").settings();
        assertEquals(nested, dotted);
        assertEquals(nested, inner);
        assertEquals(nested, initOptions);
        assertEquals(RefcountMode.OFF, nested.hints().refcount());
        assertEquals(List.of("A", "B"), nested.rules().ignore());
    }

    @Test
    void wrongTypesKeepDefaultsAndSaySo() {
        SettingsReader.Result r = read("""
                {"hints": {"alias": "yes", "refcount": 3}, "rules": {"select": 5, "ignore": ["ok", 7],
                 "severity": {"MEM1": "loud", "MEM2": "warn"}}, "log": {"level": []},
                 "analysis": {"debounceMs": "soon"}, "colour": "blue", "trace": {"server": "verbose"}}""");
        Settings s = r.settings();
        assertTrue(s.hints().alias());
        assertEquals(RefcountMode.ALIASED, s.hints().refcount());
        assertEquals(List.of(), s.rules().select());
        assertEquals(List.of("ok"), s.rules().ignore());
        assertEquals(Map.of("MEM2", RuleLevel.WARNING), s.rules().severity());
        assertEquals(Settings.LogLevel.INFO, s.logLevel());
        assertEquals(150, s.debounceMs());
        assertEquals(7, r.problems().size(), r.problems().toString());
        assertEquals(List.of("memlens.colour"), r.unknown(), "trace.server is the client's, not unknown");
    }

    @Test
    void numbersAreClampedAndLenient() {
        assertEquals(10_000, read("{\"analysis\": {\"debounceMs\": 1e9}}").settings().debounceMs());
        assertEquals(0, read("{\"analysis\": {\"debounceMs\": -5}}").settings().debounceMs());
        assertEquals(75, read("{\"analysis\": {\"debounceMs\": \"75\"}}").settings().debounceMs());
        assertTrue(read("{\"hints\": {\"alias\": \"false\"}}").problems().isEmpty());
    }

    @Test
    void profileWorkingOrLearning() {
        assertEquals(Settings.Profile.WORKING, read("{}").settings().profile());
        assertEquals(Settings.Profile.LEARNING, read("{\"profile\": \"learning\"}").settings().profile());
        assertEquals(Settings.Profile.LEARNING, read("{\"memlens.profile\": \"Learning\"}").settings().profile());
        SettingsReader.Result wrong = read("{\"profile\": \"teacher\"}");
        assertEquals(Settings.Profile.WORKING, wrong.settings().profile());
        assertEquals(1, wrong.problems().size(), wrong.problems().toString());
        assertTrue(wrong.unknown().isEmpty(), wrong.unknown().toString());
    }

    @Test
    void notAnObject() {
        SettingsReader.Result r = read("[1, 2]");
        assertEquals(Settings.DEFAULTS, r.settings());
        assertEquals(1, r.problems().size());
        assertFalse(SettingsReader.hasSettings(JsonParser.parseString("{\"python\": {}}")));
        assertTrue(SettingsReader.hasSettings(JsonParser.parseString("{\"memlens\": {\"hints\": {\"alias\": false}}}")));
    }

    @Test
    void docsBaseUrlMustBeAbsolute() {
        assertEquals("", read("{}").settings().docsBaseUrl());
        assertEquals("https://git.example.org/memlens/blob/main/docs/rules/",
                read("{\"memlens.docs.baseUrl\": \"https://git.example.org/memlens/blob/main/docs/rules/\"}")
                        .settings().docsBaseUrl());
        SettingsReader.Result relative = read("{\"docs\": {\"baseUrl\": \"docs/rules\"}}");
        assertEquals("", relative.settings().docsBaseUrl());
        assertEquals(1, relative.problems().size(), relative.problems().toString());
        assertTrue(relative.unknown().isEmpty());
    }
}
