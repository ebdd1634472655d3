-- 002_listings.sql — the SME marketplace: the sector taxonomy, listings with their versions,
-- the public search index, and full-text search configurations with accents folded.
--
-- A listing's content lives in listing_versions, one row per submission.  listings.live_version
-- is the approved version the public sees (NULL until the first approval); latest_version is
-- the newest submission, whose moderation state is listings.status.  An edit of an approved
-- listing therefore leaves the approved version public until the edit itself is approved.
-- listing_index holds exactly the public listings (one row each, the live version's searchable
-- fields): search reads nothing else.

-- Full-text search: one configuration per language PostgreSQL can stem, each folding accents
-- (unaccent before the stemmer), and 'ecoc_simple' (folded, unstemmed) for every language.
CREATE TEXT SEARCH CONFIGURATION ecoc_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION ecoc_simple
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
CREATE TEXT SEARCH CONFIGURATION ecoc_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION ecoc_english
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION ecoc_italian (COPY = italian);
ALTER TEXT SEARCH CONFIGURATION ecoc_italian
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;
CREATE TEXT SEARCH CONFIGURATION ecoc_romanian (COPY = romanian);
ALTER TEXT SEARCH CONFIGURATION ecoc_romanian
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, romanian_stem;
CREATE TEXT SEARCH CONFIGURATION ecoc_dutch (COPY = dutch);
ALTER TEXT SEARCH CONFIGURATION ecoc_dutch
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
CREATE TEXT SEARCH CONFIGURATION ecoc_lithuanian (COPY = lithuanian);
ALTER TEXT SEARCH CONFIGURATION ecoc_lithuanian
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, lithuanian_stem;

-- The configuration for an ISO 639-1 language: PostgreSQL's stemmer where it has one.
CREATE FUNCTION ts_config_for(lang text) RETURNS regconfig LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE lang WHEN 'en' THEN 'ecoc_english' WHEN 'it' THEN 'ecoc_italian'
                   WHEN 'ro' THEN 'ecoc_romanian' WHEN 'nl' THEN 'ecoc_dutch'
                   WHEN 'lt' THEN 'ecoc_lithuanian' ELSE 'ecoc_simple' END::regconfig $$;

-- The document of a text in its language: stemmed words, and the folded words themselves so a
-- search in any language finds exact words.  Title weighs A, tags and summary B, the rest C.
CREATE FUNCTION listing_document(lang text, title text, summary text, description text,
                                 tags text[], extra text) RETURNS tsvector
LANGUAGE sql IMMUTABLE AS $$
  SELECT setweight(to_tsvector(ts_config_for(lang), title), 'A')
      || setweight(to_tsvector('ecoc_simple', title), 'A')
      || setweight(to_tsvector(ts_config_for(lang), array_to_string(tags, ' ') || ' ' || summary), 'B')
      || setweight(to_tsvector('ecoc_simple', array_to_string(tags, ' ') || ' ' || summary), 'B')
      || setweight(to_tsvector(ts_config_for(lang), description || ' ' || extra), 'C')
      || setweight(to_tsvector('ecoc_simple', description || ' ' || extra), 'C') $$;

-- The shared cultural-and-creative-industries taxonomy; names are in the message catalogues
-- ("sector.<slug>").  Regions add sub-sectors through their plugins.
CREATE TABLE sectors (
  slug     text PRIMARY KEY CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
  position integer NOT NULL UNIQUE
);
INSERT INTO sectors (slug, position) VALUES
  ('advertising', 1), ('architecture', 2), ('audiovisual', 3), ('crafts', 4),
  ('cultural-education', 5), ('cultural-tourism', 6), ('design', 7), ('digital-culture', 8),
  ('fashion', 9), ('festivals', 10), ('games', 11), ('heritage', 12), ('music', 13),
  ('performing-arts', 14), ('publishing', 15), ('visual-arts', 16);

CREATE TABLE listings (
  id             bigserial PRIMARY KEY,
  org_id         bigint NOT NULL REFERENCES organisations,
  region         text NOT NULL CHECK (region ~ '^[a-z0-9-]{1,40}$'),
  status         text NOT NULL CHECK (status IN ('pending', 'approved', 'changes_requested',
                                                 'rejected', 'archived')),
  live_version   bigint,                 -- the approved version shown publicly, if any
  latest_version bigint,                 -- the newest submission (set right after insert)
  reason         text CHECK (length(reason) <= 2000), -- the last moderation reason
  submitted_at   timestamptz NOT NULL DEFAULT now(),  -- when latest_version was submitted
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX listings_org ON listings (org_id);
CREATE INDEX listings_queue ON listings (region, submitted_at) WHERE status = 'pending';

CREATE TABLE listing_versions (
  id              bigserial PRIMARY KEY,
  listing_id      bigint NOT NULL REFERENCES listings ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('service', 'product', 'venue', 'skill', 'partnership')),
  lang            text NOT NULL CHECK (lang ~ '^[a-z]{2}$'),  -- the language it is written in
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  summary         text NOT NULL CHECK (length(summary) BETWEEN 1 AND 300),
  description     text NOT NULL CHECK (length(description) <= 4000),
  sectors         text[] NOT NULL CHECK (cardinality(sectors) BETWEEN 1 AND 6),
  subsectors      text[] NOT NULL DEFAULT '{}' CHECK (cardinality(subsectors) <= 6),
  tags            text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 12),
  languages       text[] NOT NULL CHECK (cardinality(languages) BETWEEN 1 AND 12),
  capacity        integer CHECK (capacity BETWEEN 1 AND 1000000),
  price_minor     bigint CHECK (price_minor BETWEEN 0 AND 100000000000),
  price_basis     text CHECK (price_basis IN ('fixed', 'hour', 'day', 'person', 'item')),
  available_from  date,
  available_until date,
  contact_email   text NOT NULL CHECK (length(contact_email) BETWEEN 3 AND 254),
  contact_phone   text NOT NULL DEFAULT '' CHECK (length(contact_phone) <= 40),
  submitted_by    bigint REFERENCES persons ON DELETE SET NULL,
  submitted_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (available_until IS NULL OR available_from IS NULL OR available_until >= available_from)
);
CREATE INDEX listing_versions_listing ON listing_versions (listing_id);
ALTER TABLE listings ADD FOREIGN KEY (live_version) REFERENCES listing_versions;
ALTER TABLE listings ADD FOREIGN KEY (latest_version) REFERENCES listing_versions;

-- The public listings, for search: one row per listing whose live version is public.
-- seq orders publication (the first one); a page of results is computed "as of" a seq, so
-- paging stays stable while listings are added.
CREATE SEQUENCE listing_publication_seq;
CREATE TABLE listing_index (
  listing_id      bigint PRIMARY KEY REFERENCES listings ON DELETE CASCADE,
  version_id      bigint NOT NULL REFERENCES listing_versions,
  seq             bigint NOT NULL,
  region          text NOT NULL,
  org_id          bigint NOT NULL,
  kind            text NOT NULL,
  lang            text NOT NULL,
  sectors         text[] NOT NULL,       -- shared sectors and sub-sectors together
  tags            text[] NOT NULL,
  languages       text[] NOT NULL,
  price_minor     bigint,
  capacity        integer,
  available_from  date,
  available_until date,
  published_at    timestamptz NOT NULL,
  document        tsvector NOT NULL
);
CREATE INDEX listing_index_document ON listing_index USING gin (document);
CREATE INDEX listing_index_sectors ON listing_index USING gin (sectors);
CREATE INDEX listing_index_languages ON listing_index USING gin (languages);
CREATE INDEX listing_index_region_seq ON listing_index (region, seq DESC);
CREATE INDEX listing_index_seq ON listing_index (seq DESC);

-- Row-level security: the public sees public things; owners and their region's admins see all.
ALTER TABLE listings ENABLE ROW LEVEL SECURITY;
CREATE POLICY listings_read ON listings FOR SELECT
  USING ((live_version IS NOT NULL AND status <> 'archived')
         OR org_id = ANY (app_org_ids()) OR app_admin_of(region));
CREATE POLICY listings_insert ON listings FOR INSERT
  WITH CHECK (org_id = ANY (app_org_ids()));
CREATE POLICY listings_update ON listings FOR UPDATE
  USING (org_id = ANY (app_org_ids()) OR app_admin_of(region));

ALTER TABLE listing_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY listing_versions_read ON listing_versions FOR SELECT
  USING (EXISTS (SELECT 1 FROM listings l WHERE l.id = listing_id
                 AND ((l.live_version = listing_versions.id AND l.status <> 'archived')
                      OR l.org_id = ANY (app_org_ids()) OR app_admin_of(l.region))));
CREATE POLICY listing_versions_insert ON listing_versions FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM listings l WHERE l.id = listing_id
                      AND l.org_id = ANY (app_org_ids())));

ALTER TABLE listing_index ENABLE ROW LEVEL SECURITY;
CREATE POLICY listing_index_read ON listing_index FOR SELECT USING (true);
CREATE POLICY listing_index_write ON listing_index FOR ALL
  USING (app_admin_of(region) OR org_id = ANY (app_org_ids()))
  WITH CHECK (app_admin_of(region));

GRANT SELECT ON sectors TO ecoc_app;
GRANT SELECT, INSERT, UPDATE ON listings, listing_versions TO ecoc_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON listing_index TO ecoc_app;
GRANT USAGE ON SEQUENCE listing_publication_seq TO ecoc_app;

-- What a search for q matches: the words folded (any language) or stemmed by any of the
-- portal's stemming languages.  One definition, used by the portal and by the tests that check
-- it against PostgreSQL's own full-text search.
CREATE FUNCTION search_tsquery(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE AS $$
  SELECT websearch_to_tsquery('ecoc_simple', q) || websearch_to_tsquery('ecoc_english', q)
      || websearch_to_tsquery('ecoc_italian', q) || websearch_to_tsquery('ecoc_romanian', q)
      || websearch_to_tsquery('ecoc_dutch', q) || websearch_to_tsquery('ecoc_lithuanian', q) $$;

-- Puts a listing's live version into the search index (or refreshes it there), keeping its
-- first publication's sequence number and date.  Runs with the caller's rights: row-level
-- security decides who may.
CREATE FUNCTION listing_index_refresh(listing bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO listing_index (listing_id, version_id, seq, region, org_id, kind, lang, sectors,
                             tags, languages, price_minor, capacity, available_from,
                             available_until, published_at, document)
  SELECT l.id, v.id, nextval('listing_publication_seq'), l.region, l.org_id, v.kind, v.lang,
         v.sectors || v.subsectors, v.tags, v.languages, v.price_minor, v.capacity,
         v.available_from, v.available_until, now(),
         listing_document(v.lang, v.title, v.summary, v.description, v.tags,
                          o.name || ' ' || o.city)
    FROM listings l JOIN listing_versions v ON v.id = l.live_version
    JOIN organisations o ON o.id = l.org_id
   WHERE l.id = listing AND l.status <> 'archived'
  ON CONFLICT (listing_id) DO UPDATE SET
    version_id = EXCLUDED.version_id, kind = EXCLUDED.kind, lang = EXCLUDED.lang,
    sectors = EXCLUDED.sectors, tags = EXCLUDED.tags, languages = EXCLUDED.languages,
    price_minor = EXCLUDED.price_minor, capacity = EXCLUDED.capacity,
    available_from = EXCLUDED.available_from, available_until = EXCLUDED.available_until,
    document = EXCLUDED.document $$;
