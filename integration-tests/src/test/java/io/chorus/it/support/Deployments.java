package io.chorus.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The EAR exactly as the build produced it: black-box tests deploy the real artifact. */
public final class Deployments {
    private Deployments() {
    }

    public static EnterpriseArchive chorusEar() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("chorus.ear")));
    }
}
