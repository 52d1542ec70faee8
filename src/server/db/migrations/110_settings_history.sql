-- Every saved settings change, so trend charts can mark when the meaning of a figure changed
-- (a new baseline, target or session rule). Rows are only added; the current settings stay in `settings`.
CREATE TABLE IF NOT EXISTS settings_history (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by text NOT NULL,
  -- Top-level setting names whose value changed, e.g. {targets,baseline}.
  keys text[] NOT NULL
);

CREATE INDEX IF NOT EXISTS settings_history_tenant_time ON settings_history (tenant_id, changed_at);
