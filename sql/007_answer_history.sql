-- 007_answer_history.sql — an SME reads the whole history of its own answers to calls.
--
-- An answer's audit entries are filed under the call's organiser (audit_log.org_id), so that the
-- organiser reads them all; the SME that answered read only the entries it wrote itself
-- (person_id), not the organiser's decisions on its answer.  This policy adds, for reading only,
-- the entries about the answers of the acting person's own organisations: the interests row
-- security (003_calls.sql) already limits the subquery to answers the person may see, and the
-- organisation test limits it to their own, never another SME's answer to the same call.
-- Policies for SELECT are permissive: this one widens audit_log_read (001_core.sql), it does
-- not replace it, and the log stays append-only (006_reliability.sql).

CREATE POLICY audit_log_read_own_answers ON audit_log FOR SELECT
  USING (entity = 'interest'
         AND entity_id IN (SELECT i.id FROM interests i WHERE i.org_id = ANY (app_org_ids())));
