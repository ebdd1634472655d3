-- 008_person_access.sql — the session lookup of every logged-in request, made cheap.
--
-- auth_session() (003_calls.sql) ran an UPDATE of last_seen_at that found nothing to do 59
-- seconds a minute, then a lookup with five subqueries: three scans of memberships joined to
-- organisations, one of region_admins, one count of unread notifications.  Profiled under the
-- benchmark (README "Speed") it was a third of PostgreSQL's CPU, most of it starting the plan's
-- nodes.  Now:
--
-- - person_access holds, per person, what the lookup aggregated: their organisations (all, the
--   SMEs, the organisers) and the regions they administer.  Triggers on memberships,
--   region_admins and organisations.kind rewrite a person's row in the same transaction as the
--   change, so the next request (any worker, any machine) sees it; nothing else writes it.  The
--   serving role cannot read or write it directly: only through the functions below.
-- - auth_session() and auth_api_token() read sessions (or api_tokens), persons and
--   person_access by their keys, and write last_seen_at only when it is more than a minute old.
-- Same answers and expiry rules as before, and one more column: the person's home region (the
-- region of their first organisation, else the first region they administer), whose timezone
-- their pages show times in (core/dispatch.c).

CREATE TABLE person_access (
  person_id          bigint PRIMARY KEY REFERENCES persons ON DELETE CASCADE,
  org_ids            bigint[] NOT NULL DEFAULT '{}',
  sme_org_ids        bigint[] NOT NULL DEFAULT '{}',
  organiser_org_ids  bigint[] NOT NULL DEFAULT '{}',
  admin_regions      text[] NOT NULL DEFAULT '{}',
  home_region        text
);

CREATE FUNCTION person_access_refresh(person bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO person_access AS pa (person_id, org_ids, sme_org_ids, organiser_org_ids,
                                   admin_regions, home_region)
  SELECT p.id,
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
         coalesce((SELECT o.region FROM memberships m JOIN organisations o ON o.id = m.org_id
                    WHERE m.person_id = p.id ORDER BY m.org_id LIMIT 1),
                  (SELECT min(a.region) FROM region_admins a WHERE a.person_id = p.id))
    FROM persons p WHERE p.id = person
  ON CONFLICT (person_id) DO UPDATE
     SET org_ids = EXCLUDED.org_ids, sme_org_ids = EXCLUDED.sme_org_ids,
         organiser_org_ids = EXCLUDED.organiser_org_ids, admin_regions = EXCLUDED.admin_regions,
         home_region = EXCLUDED.home_region;
$$;

CREATE FUNCTION person_access_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_TABLE_NAME = 'organisations' THEN
    PERFORM person_access_refresh(m.person_id) FROM memberships m WHERE m.org_id = NEW.id;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM person_access_refresh(OLD.person_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM person_access_refresh(NEW.person_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER memberships_person_access AFTER INSERT OR UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION person_access_changed();
CREATE TRIGGER region_admins_person_access AFTER INSERT OR UPDATE OR DELETE ON region_admins
  FOR EACH ROW EXECUTE FUNCTION person_access_changed();
CREATE TRIGGER organisations_person_access AFTER UPDATE OF kind ON organisations
  FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION person_access_changed();

SELECT person_access_refresh(p.id) FROM persons p;

REVOKE ALL ON TABLE person_access FROM PUBLIC;
REVOKE ALL ON FUNCTION person_access_refresh(bigint), person_access_changed() FROM PUBLIC;

-- Their columns change: dropped and created again.
DROP FUNCTION auth_session(bytea, integer);
DROP FUNCTION auth_api_token(bytea);

CREATE FUNCTION auth_session(hash bytea, idle_minutes integer)
RETURNS TABLE (person_id bigint, email text, name text, lang text, is_super boolean,
               csrf_token text, org_ids bigint[], sme_org_ids bigint[],
               organiser_org_ids bigint[], admin_regions text[], unread bigint,
               home_region text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  seen timestamptz;
BEGIN
  SELECT p.id, p.email, p.name, p.lang, p.is_super, s.csrf_token,
         coalesce(pa.org_ids, '{}'), coalesce(pa.sme_org_ids, '{}'),
         coalesce(pa.organiser_org_ids, '{}'), coalesce(pa.admin_regions, '{}'),
         (SELECT count(*) FROM notifications n WHERE n.person_id = p.id AND n.read_at IS NULL),
         pa.home_region, s.last_seen_at
    INTO person_id, email, name, lang, is_super, csrf_token, org_ids, sme_org_ids,
         organiser_org_ids, admin_regions, unread, home_region, seen
    FROM sessions s
    JOIN persons p ON p.id = s.person_id
    LEFT JOIN person_access pa ON pa.person_id = p.id
   WHERE s.token_hash = hash AND s.expires_at > now()
     AND s.last_seen_at > now() - make_interval(mins => idle_minutes)
     AND p.disabled_at IS NULL;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF seen < now() - interval '1 minute' THEN
    UPDATE sessions SET last_seen_at = now() WHERE token_hash = hash;
  END IF;
  RETURN NEXT;
END $$;

CREATE FUNCTION auth_api_token(hash bytea)
RETURNS TABLE (person_id bigint, email text, name text, lang text, is_super boolean,
               org_ids bigint[], sme_org_ids bigint[], organiser_org_ids bigint[],
               admin_regions text[], unread bigint, home_region text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  used timestamptz;
BEGIN
  SELECT p.id, p.email, p.name, p.lang, p.is_super,
         coalesce(pa.org_ids, '{}'), coalesce(pa.sme_org_ids, '{}'),
         coalesce(pa.organiser_org_ids, '{}'), coalesce(pa.admin_regions, '{}'),
         0::bigint, pa.home_region, t.last_used_at
    INTO person_id, email, name, lang, is_super, org_ids, sme_org_ids, organiser_org_ids,
         admin_regions, unread, home_region, used
    FROM api_tokens t
    JOIN persons p ON p.id = t.person_id
    LEFT JOIN person_access pa ON pa.person_id = p.id
   WHERE t.token_hash = hash AND t.revoked_at IS NULL AND p.disabled_at IS NULL;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF used IS NULL OR used < now() - interval '1 minute' THEN
    UPDATE api_tokens SET last_used_at = now() WHERE token_hash = hash;
  END IF;
  RETURN NEXT;
END $$;

REVOKE ALL ON FUNCTION auth_session(bytea, integer), auth_api_token(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_session(bytea, integer), auth_api_token(bytea) TO ecoc_app;
