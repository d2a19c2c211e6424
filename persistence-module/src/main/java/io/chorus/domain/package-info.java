/**
 * The domain model as JPA entities and repositories, split by feature: {@code account},
 * {@code friend}, {@code group}, {@code message} (conversations, messages, deliveries, read
 * cursors), {@code presence} (recorded sockets) and {@code cluster} (node leases). Entities never
 * leave the EJB module: services turn them into views. Repositories are {@code @ApplicationScoped}
 * and join the caller's transaction. The schema itself is owned by the Flyway migrations in
 * {@code db/migration}; Hibernate only validates nothing and generates nothing.
 */
package io.chorus.domain;
