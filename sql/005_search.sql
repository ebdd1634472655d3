-- 005_search.sql — keeping the workers' in-memory search index fresh (core/search_index.c).
--
-- Every change of listing_index (a listing approved, edited and re-approved, archived) and of
-- an organisation's name is written to listing_changes with an increasing generation number,
-- and announced on the channel "listing_index".  Workers apply the announced changes before
-- their next search; they also poll the table (so a lost announcement costs at most a second)
-- and compare a checksum of listing_index now and then (so nothing can drift for long).
-- PostgreSQL stays the source of truth: a worker can always rebuild its index from it.

CREATE TABLE listing_changes (
  gen        bigserial PRIMARY KEY,
  listing_id bigint NOT NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX listing_changes_at ON listing_changes (at);

-- SECURITY DEFINER: the serving role may change listing_index (row security decides) but may
-- not write this log directly.
CREATE FUNCTION listing_index_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO listing_changes (listing_id)
  VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.listing_id ELSE NEW.listing_id END);
  -- Keep a day of history; a worker further behind than that rebuilds its index.
  IF random() < 0.001 THEN
    DELETE FROM listing_changes WHERE at < now() - interval '1 day';
  END IF;
  PERFORM pg_notify('listing_index', '');
  RETURN NULL;
END $$;

CREATE TRIGGER listing_index_changed AFTER INSERT OR UPDATE OR DELETE ON listing_index
  FOR EACH ROW EXECUTE FUNCTION listing_index_changed();

-- An organisation's new name shows on its listings' search results.
CREATE FUNCTION organisation_renamed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO listing_changes (listing_id)
  SELECT listing_id FROM listing_index WHERE org_id = NEW.id;
  PERFORM pg_notify('listing_index', '');
  RETURN NULL;
END $$;

CREATE TRIGGER organisation_renamed AFTER UPDATE OF name, city ON organisations
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.city IS DISTINCT FROM NEW.city)
  EXECUTE FUNCTION organisation_renamed();

-- A cheap fingerprint of the whole index, compared by the workers once a minute.
CREATE FUNCTION listing_index_checksum() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT count(*) || ':' || coalesce(sum(listing_id * 7 + version_id * 13 + seq), 0)
    FROM listing_index $$;

GRANT SELECT ON listing_changes TO ecoc_app;
