-- The sidebar asks for one requester's help-center events before a ticket. Events of anonymous
-- visitors (all of the help-center snippet's) have no person and stay out of the index, so the
-- beacon endpoint's inserts do not pay for it.
CREATE INDEX IF NOT EXISTS portal_events_person_time
  ON portal_events (tenant_id, person_id, occurred_at)
  WHERE person_id IS NOT NULL;
