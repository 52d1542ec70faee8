-- Platform-neutral records (src/core/records.ts). Times are epoch milliseconds, as in the engine.
-- No secondary indexes and no foreign key to tenants: the API reads a tenant's rows whole (by the
-- primary key's tenant prefix) into memory, and an index or a per-row foreign-key check would more
-- than double the cost of bulk imports. removeTenant deletes these rows itself. Keys compare bytewise (COLLATE "C"): ids
-- have no language, and locale-aware comparison would slow every insert.
CREATE TABLE IF NOT EXISTS accounts (
  tenant_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  name text NOT NULL,
  tags jsonb NOT NULL DEFAULT '[]',
  created_at bigint,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE IF NOT EXISTS persons (
  tenant_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  account_id text,
  name text,
  email text,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE IF NOT EXISTS tickets (
  tenant_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  account_id text,
  requester_id text NOT NULL,
  channel text NOT NULL,
  priority text NOT NULL,
  status text NOT NULL,
  created_at bigint NOT NULL,
  solved_at bigint,
  agent_replies integer NOT NULL,
  reopens integer NOT NULL,
  group_stations integer NOT NULL,
  first_reply_minutes double precision,
  full_resolution_minutes double precision,
  satisfaction text NOT NULL,
  tags jsonb NOT NULL DEFAULT '[]',
  subject text NOT NULL,
  description text NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- Events have no id of their own; `id` is a hash of their content, so a replay is a no-op.
CREATE TABLE IF NOT EXISTS portal_events (
  tenant_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  type text NOT NULL,
  occurred_at bigint NOT NULL,
  visitor_id text NOT NULL,
  person_id text,
  account_id text,
  query text,
  result_count integer,
  clicked_result boolean,
  article_id text,
  device text NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
