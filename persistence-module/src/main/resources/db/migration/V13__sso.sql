-- Company sign-in (docs/SSO.md). Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

-- Which IdP identity (issuer + subject) a Chorus user is: made at the first sign-in (just in time),
-- looked up at every later one. The pair is unique, so two first sign-ins at once make one user.
CREATE SEQUENCE sso_identity_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE sso_identity (
    id             BIGINT                   NOT NULL PRIMARY KEY,
    issuer         VARCHAR(255)             NOT NULL,
    subject        VARCHAR(255)             NOT NULL,
    user_id        BIGINT                   NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    email          VARCHAR(255),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sign_in_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_sso_identity_issuer_subject UNIQUE (issuer, subject),
    CONSTRAINT uq_sso_identity_user UNIQUE (user_id)
);

-- The IdP's refresh token a device signed in with: Chorus refreshes it at the IdP whenever the
-- device refreshes its Chorus token, so a user the IdP disabled or logged out gets no new token.
CREATE TABLE sso_session (
    device_id          BIGINT                   NOT NULL PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    idp_refresh_token  VARCHAR(8192)            NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
