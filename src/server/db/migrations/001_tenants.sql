-- Each tenant is one helpdesk installation. Secrets live only here: no API-facing query selects them.
CREATE TABLE IF NOT EXISTS tenants (
  id text PRIMARY KEY,
  subdomain text NOT NULL UNIQUE,
  helpdesk_url text NOT NULL,
  api_email text NOT NULL,
  api_token text NOT NULL,
  jwt_secret text NOT NULL,
  help_center_origins text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS settings (
  tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Bumped whenever a tenant's records change, so the API knows when its in-memory dataset is stale.
CREATE TABLE IF NOT EXISTS data_versions (
  tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  version bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);

-- Freshness per source (ingestion and import write it; GET /status reads it).
CREATE TABLE IF NOT EXISTS sync_status (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  source text NOT NULL,
  last_success_at timestamptz,
  data_as_of timestamptz,
  records bigint NOT NULL DEFAULT 0,
  last_error text,
  last_error_at timestamptz,
  PRIMARY KEY (tenant_id, source)
);
