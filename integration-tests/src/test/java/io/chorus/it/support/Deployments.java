package io.chorus.it.support;

import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The EAR exactly as the build produced it: black-box tests deploy the real artifact. */
public final class Deployments {
    /**
     * Above the application's own {@code microprofile-config.properties} (100), below environment
     * variables (300) and system properties (400): what a test class sets wins over the defaults only.
     */
    static final int TEST_CONFIG_ORDINAL = 250;

    private Deployments() {
    }

    public static EnterpriseArchive chorusEar() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("chorus.ear")));
    }

    /**
     * The same EAR with {@code settings} added for this deployment only, as an operator's
     * configuration would set them: a library jar whose {@code META-INF/microprofile-config.properties}
     * every module of the EAR reads. The next test class deploys the EAR without them, so a feature
     * switched on here (e.g. push) stays off for the rest of the suite.
     */
    public static EnterpriseArchive chorusEarWith(String name, Map<String, String> settings) {
        StringBuilder properties = new StringBuilder("config_ordinal=" + TEST_CONFIG_ORDINAL + "\n");
        new TreeMap<>(settings).forEach((key, value) -> properties.append(key).append('=').append(escaped(value)).append('\n'));
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "chorus-it-" + name + "-config.jar")
                .addAsManifestResource(new StringAsset(properties.toString()), "microprofile-config.properties");
        return chorusEar().addAsLibrary(config);
    }

    /** A value as a .properties file reads it back: backslashes doubled (regular expressions have them). */
    private static String escaped(String value) {
        return value.replace("\\", "\\\\");
    }
}
