package io.chorus.it.support;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A black-box test class against the Arquillian-managed WildFly: the real EAR is deployed
 * untouched (testable = false) and the test talks to it over HTTP and WebSocket only.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class BlackBoxIT {
    protected final Rest rest = Rest.local();
    /** This test's own users, devices and clients on that server. */
    protected final People people = new People(rest);

    @Deployment(testable = false)
    public static EnterpriseArchive ear() {
        return Deployments.chorusEar();
    }
}
