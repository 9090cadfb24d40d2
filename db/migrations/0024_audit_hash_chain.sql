ALTER TABLE "audit_log" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "previous_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_chain_seq" ON "audit_log" USING btree ("chain_seq");--> statement-breakpoint
-- The hash chain over the audit log. A row's content as one unambiguous text: each field as
-- "<length>:<value>", or "-" when null (api/src/audit/audit-chain.ts rebuilds the same text in
-- JavaScript to verify the chain without trusting this function).
CREATE FUNCTION audit_log_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value IS NULL THEN '-' ELSE char_length(value)::text || ':' || value END
$$;
--> statement-breakpoint
CREATE FUNCTION audit_log_content(previous_hash text, id bigint, chain_seq bigint, county_code text, at timestamptz, user_id integer, username text, action text, entity text, entity_id text, before jsonb, after jsonb, request_id text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT audit_log_field(previous_hash) || audit_log_field(id::text) || audit_log_field(chain_seq::text) || audit_log_field(county_code)
    || audit_log_field(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) || audit_log_field(user_id::text) || audit_log_field(username)
    || audit_log_field(action) || audit_log_field(entity) || audit_log_field(entity_id) || audit_log_field(before::text) || audit_log_field(after::text)
    || audit_log_field(request_id)
$$;
--> statement-breakpoint
-- Each new row links to the last one, under a transaction lock so that two writers never link to
-- the same row (the lock is held until the writer commits or rolls back).
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(7420314002);
  SELECT chain_seq, hash INTO last_seq, last_hash FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1;
  NEW.chain_seq := coalesce(last_seq, 0) + 1;
  NEW.previous_hash := last_hash;
  NEW.hash := encode(sha256(convert_to(audit_log_content(NEW.previous_hash, NEW.id, NEW.chain_seq, NEW.county_code, NEW.at, NEW.user_id, NEW.username, NEW.action, NEW.entity, NEW.entity_id, NEW.before, NEW.after, NEW.request_id), 'UTF8')), 'hex');
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- The rows written before the chain existed are chained in the order they were written.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete;
--> statement-breakpoint
DO $$
DECLARE
  row record;
  seq bigint := 0;
  previous text := NULL;
  digest text;
BEGIN
  FOR row IN SELECT * FROM audit_log ORDER BY id LOOP
    seq := seq + 1;
    digest := encode(sha256(convert_to(audit_log_content(previous, row.id, seq, row.county_code, row.at, row.user_id, row.username, row.action, row.entity, row.entity_id, row.before, row.after, row.request_id), 'UTF8')), 'hex');
    UPDATE audit_log SET chain_seq = seq, previous_hash = previous, hash = digest WHERE id = row.id;
    previous := digest;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
