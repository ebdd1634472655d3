-- 001_core.sql — people, organisations, roles, sessions, API tokens, login attempts, audit log.
--
-- Runs as the owner role (ecoc_owner).  The serving role ecoc_app owns nothing, has no
-- BYPASSRLS, and gets only the grants below; row-level security on the regional tables is the
-- second wall behind the portal's own access checks.  Who acts is set per transaction by the
-- portal with set_config('app.person_id' | 'app.org_ids' | 'app.admin_regions' | 'app.super').

CREATE EXTENSION IF NOT EXISTS unaccent;

-- The acting person, as the portal recorded it for this transaction.
CREATE FUNCTION app_person_id() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.person_id', true), '')::bigint $$;
CREATE FUNCTION app_org_ids() RETURNS bigint[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('app.org_ids', true), ''), '{}')::bigint[] $$;
CREATE FUNCTION app_admin_regions() RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('app.admin_regions', true), ''), '{}')::text[] $$;
CREATE FUNCTION app_is_super() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('app.super', true), ''), 'off')::boolean $$;
-- May the acting person administer region r?
CREATE FUNCTION app_admin_of(r text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT app_is_super() OR r = ANY (app_admin_regions()) $$;

CREATE TABLE persons (
  id              bigserial PRIMARY KEY,
  email           text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  password_hash   text,                        -- argon2id string; NULL: cannot log in
  lang            text CHECK (lang ~ '^[a-z]{2}$'),
  is_super        boolean NOT NULL DEFAULT false,
  digest_weekly   boolean NOT NULL DEFAULT true,
  digest_sent_at  timestamptz,
  disabled_at     timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX persons_email_unique ON persons (lower(email));

CREATE TABLE organisations (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('sme', 'organiser')),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
  region       text NOT NULL CHECK (region ~ '^[a-z0-9-]{1,40}$'),
  business_id  text NOT NULL CHECK (length(business_id) BETWEEN 1 AND 40),
  city         text NOT NULL DEFAULT '' CHECK (length(city) <= 120),
  website      text NOT NULL DEFAULT '' CHECK (length(website) <= 300),
  about        text NOT NULL DEFAULT '' CHECK (length(about) <= 2000),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region, business_id)
);
CREATE INDEX organisations_region ON organisations (region);

CREATE TABLE memberships (
  person_id  bigint NOT NULL REFERENCES persons ON DELETE CASCADE,
  org_id     bigint NOT NULL REFERENCES organisations ON DELETE CASCADE,
  role       text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, org_id)
);
CREATE INDEX memberships_org ON memberships (org_id);

CREATE TABLE region_admins (
  person_id  bigint NOT NULL REFERENCES persons ON DELETE CASCADE,
  region     text NOT NULL CHECK (region ~ '^[a-z0-9-]{1,40}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, region)
);

-- Only the SHA-256 of a session token is stored: a stolen table opens no session.
CREATE TABLE sessions (
  token_hash   bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  person_id    bigint NOT NULL REFERENCES persons ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL              -- the absolute expiry
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE api_tokens (
  id           bigserial PRIMARY KEY,
  person_id    bigint NOT NULL REFERENCES persons ON DELETE CASCADE,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  prefix       text NOT NULL,                    -- first characters, to recognise it in a list
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

-- Failed logins, for throttling by account and by address (rows older than a day are pruned).
CREATE TABLE login_failures (
  id        bigserial PRIMARY KEY,
  email     text NOT NULL,                       -- lower-cased as typed
  address   text NOT NULL,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

-- Every state transition of every regional thing: who, when, from, to, why.  Append-only for
-- the serving role (no UPDATE or DELETE grant; tested).
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  person_id   bigint REFERENCES persons ON DELETE SET NULL,
  region      text NOT NULL CHECK (region ~ '^[a-z0-9-]{1,40}$'),
  org_id      bigint REFERENCES organisations ON DELETE SET NULL,  -- whose thing it is
  entity      text NOT NULL CHECK (entity IN ('account', 'organisation', 'listing', 'call', 'interest')),
  entity_id   bigint NOT NULL,
  action      text NOT NULL CHECK (length(action) <= 40),
  from_state  text,
  to_state    text,
  reason      text CHECK (length(reason) <= 2000)
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_region ON audit_log (region, at);

-- The session of a cookie token (by its SHA-256), refreshing last_seen_at at most once a
-- minute.  SECURITY DEFINER: it runs before the portal knows who acts, so it must see the
-- person's memberships and admin regions whatever row-level security says.
CREATE FUNCTION auth_session(hash bytea, idle_minutes integer)
RETURNS TABLE (person_id bigint, email text, name text, lang text, is_super boolean,
               csrf_token text, org_ids bigint[], sme_org_ids bigint[],
               organiser_org_ids bigint[], admin_regions text[], unread bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE sessions s SET last_seen_at = now()
   WHERE s.token_hash = hash AND s.last_seen_at < now() - interval '1 minute'
     AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => idle_minutes);
  RETURN QUERY
  SELECT p.id, p.email, p.name, p.lang, p.is_super, s.csrf_token,
         coalesce((SELECT array_agg(m.org_id ORDER BY m.org_id) FROM memberships m
                    WHERE m.person_id = p.id), '{}'),
         coalesce((SELECT array_agg(m.org_id ORDER BY m.org_id) FROM memberships m
                    JOIN organisations o ON o.id = m.org_id
                    WHERE m.person_id = p.id AND o.kind = 'sme'), '{}'),
         coalesce((SELECT array_agg(m.org_id ORDER BY m.org_id) FROM memberships m
                    JOIN organisations o ON o.id = m.org_id
                    WHERE m.person_id = p.id AND o.kind = 'organiser'), '{}'),
         coalesce((SELECT array_agg(a.region ORDER BY a.region) FROM region_admins a
                    WHERE a.person_id = p.id), '{}'),
         0::bigint
    FROM sessions s JOIN persons p ON p.id = s.person_id
   WHERE s.token_hash = hash AND s.expires_at > now()
     AND s.last_seen_at > now() - make_interval(mins => idle_minutes)
     AND p.disabled_at IS NULL;
END $$;

-- The person behind a personal API token (by its SHA-256), if it is not revoked.
CREATE FUNCTION auth_api_token(hash bytea)
RETURNS TABLE (person_id bigint, email text, name text, lang text, is_super boolean,
               org_ids bigint[], sme_org_ids bigint[], organiser_org_ids bigint[],
               admin_regions text[], unread bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE api_tokens t SET last_used_at = now()
   WHERE t.token_hash = hash AND t.revoked_at IS NULL
     AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute');
  RETURN QUERY
  SELECT p.id, p.email, p.name, p.lang, p.is_super,
         coalesce((SELECT array_agg(m.org_id ORDER BY m.org_id) FROM memberships m
                    WHERE m.person_id = p.id), '{}'),
         coalesce((SELECT array_agg(m.org_id ORDER BY m.org_id) FROM memberships m
                    JOIN organisations o ON o.id = m.org_id
                    WHERE m.person_id = p.id AND o.kind = 'sme'), '{}'),
         coalesce((SELECT array_agg(m.org_id ORDER BY m.org_id) FROM memberships m
                    JOIN organisations o ON o.id = m.org_id
                    WHERE m.person_id = p.id AND o.kind = 'organiser'), '{}'),
         coalesce((SELECT array_agg(a.region ORDER BY a.region) FROM region_admins a
                    WHERE a.person_id = p.id), '{}'),
         0::bigint
    FROM api_tokens t JOIN persons p ON p.id = t.person_id
   WHERE t.token_hash = hash AND t.revoked_at IS NULL AND p.disabled_at IS NULL;
END $$;
REVOKE ALL ON FUNCTION auth_session(bytea, integer), auth_api_token(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_session(bytea, integer), auth_api_token(bytea) TO ecoc_app;

-- Row-level security on the regional tables.
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisations_read ON organisations FOR SELECT USING (true);  -- cards are public
CREATE POLICY organisations_insert ON organisations FOR INSERT WITH CHECK (true); -- registration
CREATE POLICY organisations_update ON organisations FOR UPDATE
  USING (id = ANY (app_org_ids()) OR app_admin_of(region));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT
  USING (app_admin_of(region) OR org_id = ANY (app_org_ids()) OR person_id = app_person_id());
CREATE POLICY audit_log_insert ON audit_log FOR INSERT
  WITH CHECK (person_id IS NOT DISTINCT FROM app_person_id());

ALTER TABLE region_admins ENABLE ROW LEVEL SECURITY;
-- Who administers a region is public (notifications reach them); only a super admin changes it.
CREATE POLICY region_admins_read ON region_admins FOR SELECT USING (true);
CREATE POLICY region_admins_write ON region_admins FOR ALL
  USING (app_is_super()) WITH CHECK (app_is_super());

-- The serving role.
GRANT USAGE ON SCHEMA public TO ecoc_app;
GRANT SELECT, INSERT, UPDATE ON persons, organisations, memberships TO ecoc_app;
GRANT DELETE ON memberships TO ecoc_app;
GRANT SELECT, INSERT, DELETE ON region_admins TO ecoc_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, api_tokens TO ecoc_app;
GRANT SELECT, INSERT, DELETE ON login_failures TO ecoc_app;
GRANT SELECT, INSERT ON audit_log TO ecoc_app;
GRANT SELECT ON schema_migrations TO ecoc_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ecoc_app;
-- Sequences of later migrations are usable by the serving role too.
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SEQUENCES TO ecoc_app;
