-- Ingestion cursors, one per tenant and source. A page's rows and the cursor after it commit in
-- one transaction, and a worker only commits when the cursor is still the one it read (compare
-- and swap), so a crash loses nothing and two workers never both apply a page. The lease keeps a
-- second worker from even fetching while one is busy.
CREATE TABLE IF NOT EXISTS sync_state (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  source text NOT NULL,
  cursor text,
  lease_owner text,
  lease_until timestamptz,
  pages bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source)
);

-- Webhook event ids already accepted: a redelivery (Zendesk retries) is acknowledged and ignored.
CREATE TABLE IF NOT EXISTS webhook_events (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  event_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, event_id)
);

-- Tickets a webhook said changed: the next sync pass fetches them, then clears the mark.
CREATE TABLE IF NOT EXISTS ticket_refresh (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  ticket_id text NOT NULL,
  marked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_id)
);
