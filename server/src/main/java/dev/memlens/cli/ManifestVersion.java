package dev.memlens.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar was built as ({@code Implementation-Version}); "dev" when run from classes. */
public final class ManifestVersion implements IVersionProvider {

    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"memlens " + version()};
    }
}
