/**
 * The domain model as JPA entities, split by feature ({@code account}, later {@code message},
 * {@code friend}, {@code group}), each with its repository. Entities never leave the EJB module:
 * services turn them into views. The schema itself is owned by the Flyway migrations in
 * {@code db/migration}; Hibernate only validates nothing and generates nothing.
 */
package io.chorus.domain;
