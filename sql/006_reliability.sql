-- 006_reliability.sql — retries that never duplicate (Idempotency-Key) and the audit log's
-- last wall.
--
-- A state-changing API request with an Idempotency-Key header records the key in the same
-- transaction as its change, with the answer it gave; a retry with the same key gets that
-- answer again and changes nothing.  A failed request rolls its key back with its change, so
-- its retry runs for real.

CREATE TABLE idempotency_keys (
  scope      bigint NOT NULL,            -- the person, or 0 for requests without one
  key        text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  method     text NOT NULL,
  path       text NOT NULL,
  status     integer,                    -- NULL while the first request is still running
  body       text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO ecoc_app;

-- The audit log is append-only for the serving role through its grants (no UPDATE, no DELETE);
-- this trigger refuses both even for a role that was given them by mistake.  Only the owner,
-- deliberately disabling the trigger, could rewrite history.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
