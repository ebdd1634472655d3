-- 010_person_access_more.sql — person_access (008) follows two more changes.
--
-- - An organisation moved to another region: its members' home region (the timezone of their
--   pages) follows, as it already followed a change of the organisation's kind.
-- - TRUNCATE of memberships or region_admins (an operator's, by hand): row triggers do not see
--   it, so every person's row is computed again.

DROP TRIGGER organisations_person_access ON organisations;
CREATE TRIGGER organisations_person_access AFTER UPDATE OF kind, region ON organisations
  FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.region IS DISTINCT FROM NEW.region)
  EXECUTE FUNCTION person_access_changed();

CREATE FUNCTION person_access_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM person_access_refresh(p.id) FROM persons p;
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION person_access_truncated() FROM PUBLIC;

CREATE TRIGGER memberships_person_access_truncate AFTER TRUNCATE ON memberships
  FOR EACH STATEMENT EXECUTE FUNCTION person_access_truncated();
CREATE TRIGGER region_admins_person_access_truncate AFTER TRUNCATE ON region_admins
  FOR EACH STATEMENT EXECUTE FUNCTION person_access_truncated();
