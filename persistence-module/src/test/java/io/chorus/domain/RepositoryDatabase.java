package io.chorus.domain;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The repository tests' database: the production persistence unit ({@code chorus}, its
 * persistence.xml, every entity) bootstrapped by Hibernate outside the container, against the
 * PostgreSQL that {@code scripts/postgres.sh} started for the build, migrated by Flyway from the real
 * {@code db/migration}. Both happen once per test JVM (the factory lives in the root store, shared by
 * every test class, and is closed when the run ends); each test then gets its own
 * {@link EntityManager} in a RESOURCE_LOCAL transaction that is rolled back afterwards, so no test
 * sees another's rows whatever the order, and each still makes its own data with fresh ids.
 */
public final class RepositoryDatabase implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RepositoryDatabase.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        EntityManager em = factory(context).createEntityManager();
        em.getTransaction().begin();
        context.getStore(NAMESPACE).put(EntityManager.class, em);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        EntityManager em = context.getStore(NAMESPACE).remove(EntityManager.class, EntityManager.class);
        if (em == null) {
            return;
        }
        try {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
        } finally {
            em.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EntityManager.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(EntityManager.class, EntityManager.class);
    }

    private static EntityManagerFactory factory(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedFactory.class, key -> SharedFactory.open(), SharedFactory.class).factory;
    }

    /** The one factory of the run; JUnit closes it (an {@link AutoCloseable} in the root store) at the end. */
    private record SharedFactory(EntityManagerFactory factory) implements AutoCloseable {
        static SharedFactory open() {
            // Nothing here needs durability: the database is thrown away after the run, and the
            // tests never commit. Only Flyway's commits would wait for the disk without this.
            String url = "jdbc:postgresql://127.0.0.1:" + Integer.getInteger("chorus.repository.pg.port", 55433)
                    + "/chorus?options=-c%20synchronous_commit%3Doff";
            Flyway.configure(RepositoryDatabase.class.getClassLoader())
                    .dataSource(url, "chorus", "chorus")
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();

            // persistence.xml as deployed, but with local transactions on Hibernate's own small pool
            // instead of the container's JTA and java:comp/DefaultDataSource: a connection per test
            // would cost more than most tests.
            Map<String, Object> overrides = new HashMap<>();
            overrides.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
            overrides.put("jakarta.persistence.jtaDataSource", null);
            overrides.put("jakarta.persistence.jdbc.url", url);
            overrides.put("jakarta.persistence.jdbc.user", "chorus");
            overrides.put("jakarta.persistence.jdbc.password", "chorus");
            overrides.put("hibernate.connection.pool_size", "2");
            return new SharedFactory(Persistence.createEntityManagerFactory("chorus", overrides));
        }

        @Override
        public void close() {
            factory.close();
        }
    }
}
