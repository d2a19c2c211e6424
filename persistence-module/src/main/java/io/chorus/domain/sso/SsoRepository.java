package io.chorus.domain.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** JPA access to IdP identities and the devices' IdP sessions; joins the caller's transaction. */
@ApplicationScoped
public class SsoRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    public Optional<SsoIdentity> findIdentity(String issuer, String subject) {
        return em.createQuery("select i from SsoIdentity i join fetch i.user where i.issuer = :issuer and i.subject = :subject",
                        SsoIdentity.class)
                .setParameter("issuer", issuer)
                .setParameter("subject", subject)
                .getResultStream().findFirst();
    }

    /** Persists and flushes, so that the unique (issuer, subject) pair is decided here. */
    public SsoIdentity save(SsoIdentity identity) {
        em.persist(identity);
        em.flush();
        return identity;
    }

    public Optional<SsoSession> findSession(long deviceId) {
        return Optional.ofNullable(em.find(SsoSession.class, deviceId));
    }

    public void save(SsoSession session) {
        em.persist(session);
    }

    public void remove(SsoSession session) {
        em.remove(session);
    }

    /** The IdP sessions of the user's devices. */
    public java.util.List<SsoSession> sessionsOf(long userId) {
        return em.createQuery("select s from SsoSession s where s.deviceId in (select d.id from Device d where d.user.id = :userId)",
                        SsoSession.class)
                .setParameter("userId", userId)
                .getResultList();
    }

    /** Forgets every IdP session of the user's devices: nothing is refreshed at the IdP for them again. */
    public int deleteSessionsOf(long userId) {
        return em.createQuery("delete from SsoSession s where s.deviceId in (select d.id from Device d where d.user.id = :userId)")
                .setParameter("userId", userId)
                .executeUpdate();
    }
}
