-- 004_matchmaking.sql — matchmaking between calls and listings (docs/matchmaking.md explains
-- the model): the postings that prune the candidates, the slim rows that scoring reads, the
-- key terms of the text feature, and the indexes of "calls for you" and the weekly digest.
--
-- A call's candidates are read through "windows", each one backward range scan of a btree that
-- stops after N entries, newest first, with the hard filters checked on the index entries
-- (index-only scans).  A listing is filed under keys: each of its sectors and sub-sectors
-- ("design"), each pair of them ("design+music", the two in byte order), and each of its
-- keywords, lower-cased ("#ceramics").  A call reads the windows of its sought sectors, of
-- their pairs (the listings covering two or more of them, the strongest candidates) and of its
-- keywords, in each region it accepts.  A listing's candidate calls are read the same way from
-- the open calls' sectors.  The best candidates by what the windows show are then scored from
-- one slim row each (match_listings, match_calls) rather than from the wide rows of
-- listing_index and calls.  Triggers keep all of it in step with listing_index and calls, so
-- no code path has to remember it.

-- The text feature counts the key terms (title, summary and keywords: weights A and B of the
-- documents) two texts share.  A term counts when it has three characters or more and is a stop
-- word in none of the portal's stemming languages, so the count is the same from either side.
CREATE FUNCTION match_term_counts(term text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT char_length(term) >= 3
     AND length(to_tsvector('ecoc_english', term)) > 0
     AND length(to_tsvector('ecoc_italian', term)) > 0
     AND length(to_tsvector('ecoc_romanian', term)) > 0
     AND length(to_tsvector('ecoc_dutch', term)) > 0
     AND length(to_tsvector('ecoc_lithuanian', term)) > 0 $$;

-- The key terms of a document, sorted.
CREATE FUNCTION match_key_terms(doc tsvector) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(t ORDER BY t), '{}')
    FROM unnest(tsvector_to_array(ts_filter(doc, '{a,b}'))) t
   WHERE match_term_counts(t) $$;

-- How many of `terms` are among the key terms `mine` (both from match_key_terms).
CREATE FUNCTION match_shared_terms(mine tsvector, terms text[]) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT length(mine) - length(ts_delete(mine, terms)) $$;

-- The keys of a listing: sectors, pairs of sectors, keywords.
CREATE FUNCTION match_listing_keys_of(sectors text[], tags text[]) RETURNS SETOF text
LANGUAGE sql IMMUTABLE AS $$
  SELECT s FROM unnest(sectors) s
  UNION SELECT a || '+' || b FROM unnest(sectors) a, unnest(sectors) b
         WHERE a COLLATE "C" < b COLLATE "C"
  UNION SELECT '#' || lower(t) FROM unnest(tags) t $$;

CREATE TABLE match_listing_keys (
  key             text NOT NULL,
  region          text NOT NULL,
  seq             bigint NOT NULL,    -- listing_index.seq: publication order, newest highest
  listing_id      bigint NOT NULL,
  org_id          bigint NOT NULL,
  price_minor     bigint,
  available_from  date,
  available_until date,
  sectors         text[]              -- keyword keys only: the listing's sectors and sub-sectors
);
CREATE UNIQUE INDEX match_listing_keys_window
  ON match_listing_keys (key, region, seq, listing_id)
  INCLUDE (org_id, price_minor, available_from, available_until, sectors);
CREATE INDEX match_listing_keys_listing ON match_listing_keys (listing_id);

-- What scoring reads of a public listing.
CREATE TABLE match_listings (
  listing_id bigint PRIMARY KEY,
  region     text NOT NULL,
  org_id     bigint NOT NULL,
  slugs      text[] NOT NULL,         -- sectors and sub-sectors
  tags       text[] NOT NULL,         -- lower-cased
  languages  text[] NOT NULL,
  terms      tsvector NOT NULL        -- key terms
);

-- One row per (open call, sought sector or sub-sector).  A call leaves when it stops being
-- open (closed, awarded); one past its deadline stays until then and is filtered by deadline.
CREATE TABLE match_call_sectors (
  slug             text NOT NULL,
  region           text NOT NULL,
  cross_region     boolean NOT NULL,
  opened_at        timestamptz NOT NULL,
  call_id          bigint NOT NULL,
  org_id           bigint NOT NULL,
  sought           integer NOT NULL,  -- how many sectors and sub-sectors the call seeks
  deadline         timestamptz NOT NULL,
  budget_max_minor bigint,
  event_start      date,
  event_end        date
);
-- Calls of the listing's own region (cross-region or not).
CREATE UNIQUE INDEX match_call_sectors_window
  ON match_call_sectors (slug, region, opened_at, call_id)
  INCLUDE (org_id, sought, deadline, budget_max_minor, event_start, event_end);
-- Calls of the other regions that accept answers from everywhere.
CREATE INDEX match_call_sectors_cross
  ON match_call_sectors (slug, opened_at, call_id)
  INCLUDE (region, org_id, sought, deadline, budget_max_minor, event_start, event_end)
  WHERE cross_region;
CREATE INDEX match_call_sectors_call ON match_call_sectors (call_id);

-- What scoring reads of an open call.
CREATE TABLE match_calls (
  call_id    bigint PRIMARY KEY,
  region     text NOT NULL,
  org_id     bigint NOT NULL,
  sectors    text[] NOT NULL,
  subsectors text[] NOT NULL,
  tags       text[] NOT NULL,         -- lower-cased
  languages  text[] NOT NULL,
  terms      tsvector NOT NULL        -- key terms
);

-- Moves whenever a public listing or a call changes: the workers keep their answers while it
-- stands still (core/match.c, "the worker's cache of answers").
CREATE SEQUENCE match_generation;

-- The triggers run as the owner: the serving role reads these tables and never writes them.
CREATE FUNCTION match_listing_sync() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM match_listing_keys WHERE listing_id = OLD.listing_id;
    DELETE FROM match_listings WHERE listing_id = OLD.listing_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO match_listing_keys (key, region, seq, listing_id, org_id, price_minor,
                                    available_from, available_until, sectors)
    SELECT k, NEW.region, NEW.seq, NEW.listing_id, NEW.org_id, NEW.price_minor,
           NEW.available_from, NEW.available_until,
           CASE WHEN k LIKE '#%' THEN NEW.sectors END
      FROM match_listing_keys_of(NEW.sectors, NEW.tags) k;
    INSERT INTO match_listings (listing_id, region, org_id, slugs, tags, languages, terms)
    VALUES (NEW.listing_id, NEW.region, NEW.org_id, NEW.sectors,
            ARRAY(SELECT lower(t) FROM unnest(NEW.tags) t), NEW.languages,
            array_to_tsvector(match_key_terms(NEW.document)));
  END IF;
  PERFORM nextval('match_generation');
  RETURN NULL;
END $$;
CREATE TRIGGER listing_index_match
  AFTER INSERT OR UPDATE OR DELETE ON listing_index
  FOR EACH ROW EXECUTE FUNCTION match_listing_sync();

CREATE FUNCTION match_call_sync() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM match_call_sectors WHERE call_id = OLD.id;
    DELETE FROM match_calls WHERE call_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'open' THEN
    INSERT INTO match_call_sectors (slug, region, cross_region, opened_at, call_id, org_id,
                                    sought, deadline, budget_max_minor, event_start, event_end)
    SELECT s, NEW.region, NEW.cross_region, coalesce(NEW.opened_at, NEW.submitted_at), NEW.id,
           NEW.org_id, count(*) OVER (), NEW.deadline, NEW.budget_max_minor, NEW.event_start,
           NEW.event_end
      FROM (SELECT DISTINCT s FROM unnest(NEW.sectors || NEW.subsectors) s) d;
    INSERT INTO match_calls (call_id, region, org_id, sectors, subsectors, tags, languages,
                             terms)
    VALUES (NEW.id, NEW.region, NEW.org_id, NEW.sectors, NEW.subsectors,
            ARRAY(SELECT lower(t) FROM unnest(NEW.tags) t), NEW.languages,
            array_to_tsvector(match_key_terms(NEW.document)));
  END IF;
  PERFORM nextval('match_generation');
  RETURN NULL;
END $$;
CREATE TRIGGER calls_match
  AFTER INSERT OR UPDATE OR DELETE ON calls
  FOR EACH ROW EXECUTE FUNCTION match_call_sync();

-- What is already there (a database migrated with listings and calls in it).
INSERT INTO match_listing_keys (key, region, seq, listing_id, org_id, price_minor,
                                available_from, available_until, sectors)
SELECT k, li.region, li.seq, li.listing_id, li.org_id, li.price_minor, li.available_from,
       li.available_until, CASE WHEN k LIKE '#%' THEN li.sectors END
  FROM listing_index li, match_listing_keys_of(li.sectors, li.tags) k;
INSERT INTO match_listings (listing_id, region, org_id, slugs, tags, languages, terms)
SELECT li.listing_id, li.region, li.org_id, li.sectors,
       ARRAY(SELECT lower(t) FROM unnest(li.tags) t), li.languages,
       array_to_tsvector(match_key_terms(li.document))
  FROM listing_index li;
INSERT INTO match_call_sectors (slug, region, cross_region, opened_at, call_id, org_id, sought,
                                deadline, budget_max_minor, event_start, event_end)
SELECT s, c.region, c.cross_region, coalesce(c.opened_at, c.submitted_at), c.id, c.org_id,
       count(*) OVER (PARTITION BY c.id), c.deadline, c.budget_max_minor, c.event_start,
       c.event_end
  FROM calls c, LATERAL (SELECT DISTINCT s FROM unnest(c.sectors || c.subsectors) s) d
 WHERE c.status = 'open';
INSERT INTO match_calls (call_id, region, org_id, sectors, subsectors, tags, languages, terms)
SELECT c.id, c.region, c.org_id, c.sectors, c.subsectors,
       ARRAY(SELECT lower(t) FROM unnest(c.tags) t), c.languages,
       array_to_tsvector(match_key_terms(c.document))
  FROM calls c WHERE c.status = 'open';

-- An SME's public listings, newest first (the dashboard's "calls for you", the digest).
CREATE INDEX listing_index_org ON listing_index (org_id, seq);
-- The weekly digest walks the persons who want it.
CREATE INDEX persons_digest ON persons (digest_sent_at NULLS FIRST) WHERE digest_weekly;

GRANT SELECT ON match_listing_keys, match_listings, match_call_sectors, match_calls,
  match_generation TO ecoc_app;
