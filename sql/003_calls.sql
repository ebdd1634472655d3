-- 003_calls.sql — ECoC collaboration calls, the SMEs' answers to them (expressions of interest)
-- with their private message threads, the in-app inbox and the e-mail outbox.
--
-- A call is edited only before it opens; once open it may be closed by its organiser (or by
-- its deadline) and then awarded.  The deadline is an instant (timestamptz), entered in the
-- call's region's local time and converted with that region's timezone, so "one minute after
-- 17:00 in Timișoara" is exact whatever the server's zone.

CREATE TABLE calls (
  id               bigserial PRIMARY KEY,
  org_id           bigint NOT NULL REFERENCES organisations,
  region           text NOT NULL CHECK (region ~ '^[a-z0-9-]{1,40}$'),
  status           text NOT NULL CHECK (status IN ('pending', 'open', 'changes_requested',
                                                   'rejected', 'closed', 'awarded')),
  reason           text CHECK (length(reason) <= 2000),
  lang             text NOT NULL CHECK (lang ~ '^[a-z]{2}$'),
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  summary          text NOT NULL CHECK (length(summary) BETWEEN 1 AND 300),
  description      text NOT NULL CHECK (length(description) <= 4000),
  programme        text NOT NULL DEFAULT '' CHECK (length(programme) <= 200),
  event_title      text NOT NULL CHECK (length(event_title) BETWEEN 1 AND 200),
  event_start      date,
  event_end        date,
  venue            text NOT NULL DEFAULT '' CHECK (length(venue) <= 200),
  sectors          text[] NOT NULL CHECK (cardinality(sectors) BETWEEN 1 AND 6),
  subsectors       text[] NOT NULL DEFAULT '{}' CHECK (cardinality(subsectors) <= 6),
  tags             text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 12),
  languages        text[] NOT NULL CHECK (cardinality(languages) BETWEEN 1 AND 12),
  partners_sought  integer NOT NULL CHECK (partners_sought BETWEEN 1 AND 1000),
  budget_min_minor bigint CHECK (budget_min_minor >= 0),
  budget_max_minor bigint CHECK (budget_max_minor >= 0),
  deadline         timestamptz NOT NULL,
  cross_region     boolean NOT NULL DEFAULT false,
  document         tsvector NOT NULL,
  submitted_at     timestamptz NOT NULL DEFAULT now(),
  opened_at        timestamptz,
  closed_at        timestamptz,
  awarded_at       timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (budget_max_minor IS NULL OR budget_min_minor IS NULL OR budget_max_minor >= budget_min_minor),
  CHECK (event_end IS NULL OR event_start IS NULL OR event_end >= event_start)
);
CREATE INDEX calls_org ON calls (org_id);
CREATE INDEX calls_queue ON calls (region, submitted_at) WHERE status = 'pending';
CREATE INDEX calls_open ON calls (region, deadline) WHERE status = 'open';
CREATE INDEX calls_document ON calls USING gin (document);
CREATE INDEX calls_sectors ON calls USING gin ((sectors || subsectors));

-- What the public sees of a call's state: an open call past its deadline is closed.
CREATE FUNCTION call_state(status text, deadline timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN status = 'open' AND deadline <= now() THEN 'closed' ELSE status END $$;

CREATE TABLE interests (
  id           bigserial PRIMARY KEY,
  call_id      bigint NOT NULL REFERENCES calls,
  listing_id   bigint NOT NULL REFERENCES listings,
  org_id       bigint NOT NULL REFERENCES organisations,  -- the answering SME
  call_org_id  bigint NOT NULL REFERENCES organisations,  -- the organiser, for row security
  region       text NOT NULL,                             -- the call's region
  status       text NOT NULL CHECK (status IN ('submitted', 'shortlisted', 'accepted',
                                                'declined', 'withdrawn')),
  message      text NOT NULL CHECK (length(message) BETWEEN 1 AND 4000),
  response     text CHECK (length(response) <= 2000),   -- the organiser's optional message
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (call_id, listing_id)
);
CREATE INDEX interests_call ON interests (call_id);
CREATE INDEX interests_org ON interests (org_id);

CREATE TABLE interest_messages (
  id           bigserial PRIMARY KEY,
  interest_id  bigint NOT NULL REFERENCES interests,
  person_id    bigint REFERENCES persons ON DELETE SET NULL,
  org_id       bigint NOT NULL REFERENCES organisations,  -- on whose behalf it was written
  body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interest_messages_interest ON interest_messages (interest_id, created_at);

-- The in-app inbox: what happened, as a message key and its parameters, drawn in the
-- reader's language when shown.
CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  person_id   bigint NOT NULL REFERENCES persons ON DELETE CASCADE,
  kind        text NOT NULL CHECK (length(kind) <= 60),
  params      jsonb NOT NULL DEFAULT '{}',
  link        text NOT NULL DEFAULT '/' CHECK (link LIKE '/%'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz
);
CREATE INDEX notifications_person ON notifications (person_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (person_id) WHERE read_at IS NULL;

-- The e-mail outbox: rendered in the recipient's language when queued; `portal mail-send`
-- delivers and retries.
CREATE TABLE outbox (
  id              bigserial PRIMARY KEY,
  person_id       bigint REFERENCES persons ON DELETE SET NULL,
  to_address      text NOT NULL,
  subject         text NOT NULL,
  body            text NOT NULL,
  lang            text NOT NULL,
  kind            text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  sent_at         timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Row-level security.
ALTER TABLE calls ENABLE ROW LEVEL SECURITY;
CREATE POLICY calls_read ON calls FOR SELECT
  USING (status IN ('open', 'closed', 'awarded')
         OR org_id = ANY (app_org_ids()) OR app_admin_of(region));
CREATE POLICY calls_insert ON calls FOR INSERT WITH CHECK (org_id = ANY (app_org_ids()));
CREATE POLICY calls_update ON calls FOR UPDATE
  USING (org_id = ANY (app_org_ids()) OR app_admin_of(region));

ALTER TABLE interests ENABLE ROW LEVEL SECURITY;
CREATE POLICY interests_read ON interests FOR SELECT
  USING (org_id = ANY (app_org_ids()) OR call_org_id = ANY (app_org_ids())
         OR app_admin_of(region));
CREATE POLICY interests_insert ON interests FOR INSERT WITH CHECK (org_id = ANY (app_org_ids()));
CREATE POLICY interests_update ON interests FOR UPDATE
  USING (org_id = ANY (app_org_ids()) OR call_org_id = ANY (app_org_ids()));

ALTER TABLE interest_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY interest_messages_read ON interest_messages FOR SELECT
  USING (EXISTS (SELECT 1 FROM interests i WHERE i.id = interest_id
                 AND (i.org_id = ANY (app_org_ids()) OR i.call_org_id = ANY (app_org_ids())
                      OR app_admin_of(i.region))));
CREATE POLICY interest_messages_insert ON interest_messages FOR INSERT
  WITH CHECK (org_id = ANY (app_org_ids()) AND EXISTS (
    SELECT 1 FROM interests i WHERE i.id = interest_id
       AND (i.org_id = interest_messages.org_id OR i.call_org_id = interest_messages.org_id)));

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY notifications_own ON notifications FOR SELECT USING (person_id = app_person_id());
CREATE POLICY notifications_mark ON notifications FOR UPDATE USING (person_id = app_person_id());
-- Anyone acting may tell someone else something; reading is private.
CREATE POLICY notifications_insert ON notifications FOR INSERT WITH CHECK (true);

GRANT SELECT, INSERT, UPDATE ON calls, interests TO ecoc_app;
GRANT SELECT, INSERT ON interest_messages TO ecoc_app;
GRANT SELECT, INSERT, UPDATE ON notifications TO ecoc_app;
GRANT INSERT ON outbox TO ecoc_app;

-- The unread count joins the session lookup: one statement per request still.
CREATE OR REPLACE FUNCTION auth_session(hash bytea, idle_minutes integer)
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
         (SELECT count(*) FROM notifications n WHERE n.person_id = p.id AND n.read_at IS NULL)
    FROM sessions s JOIN persons p ON p.id = s.person_id
   WHERE s.token_hash = hash AND s.expires_at > now()
     AND s.last_seen_at > now() - make_interval(mins => idle_minutes)
     AND p.disabled_at IS NULL;
END $$;
