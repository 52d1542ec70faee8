/**
 * Zendesk's own OpenAPI schemas and recorded responses, from ../shared/fixtures (beside
 * the repository, never copied into it). `FIXTURES_PRESENT` is false in a bare clone;
 * tests then skip and say why.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as yaml from 'js-yaml';

const repoRoot = path.resolve(__dirname, '../..');
export const FIXTURES = path.resolve(repoRoot, '../shared/fixtures');
export const FIXTURES_PRESENT = fs.existsSync(path.join(FIXTURES, 'zendesk', 'openapi'));
export const SKIP_MESSAGE = `Zendesk contract tests skipped: ${FIXTURES} is absent (it lives beside the repository; see its README).`;

export function readFixture<T = unknown>(rel: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'zendesk', rel), 'utf8')) as T;
}

type Json = Record<string, unknown>;

interface Spec {
  components: { schemas: Record<string, Json> };
}

function loadSpec(file: string): Spec {
  return yaml.load(fs.readFileSync(path.join(FIXTURES, 'zendesk', 'openapi', file), 'utf8')) as Spec;
}

/** Property schemas of an object schema, following anyOf/allOf of local refs. */
function propertySchemas(spec: Spec, name: string): Json[] {
  const s = spec.components.schemas[name];
  if (!s) throw new Error(`no schema ${name}`);
  const parts = [s, ...((s.anyOf ?? s.allOf ?? []) as Json[])];
  return parts.flatMap((p) => {
    const ref = p.$ref as string | undefined;
    if (ref) return propertySchemas(spec, ref.replace('#/components/schemas/', ''));
    return p.properties ? [p.properties as Json] : [];
  });
}

/**
 * Marks fields nullable where real Zendesk answers carry null although the spec types
 * them non-null (the recorded responses themselves fail the raw spec on exactly these).
 */
function allowNull(spec: Spec, schema: string, fields: Iterable<string>): void {
  for (const props of propertySchemas(spec, schema))
    for (const f of fields) {
      const p = props[f] as Json | undefined;
      if (!p) continue;
      p.nullable = true;
      if (Array.isArray(p.enum) && !p.enum.includes(null)) p.enum = [...p.enum, null];
    }
}

/** Keys whose value is null in any of the recorded objects. */
export function nullKeys(objects: Json[]): Set<string> {
  return new Set(objects.flatMap((o) => Object.keys(o).filter((k) => o[k] === null)));
}

export interface ZendeskSchemas {
  validator(name: string): ValidateFunction;
}

export function loadSchemas(): ZendeskSchemas {
  const ticketing = loadSpec('zendesk-ticketing-oas.yaml');
  const helpCenter = loadSpec('zendesk-helpcenter-oas.yaml');
  const recordedTickets = readFixture<{ tickets: Json[] }>(
    'recorded/zenpy_incremental_tickets_cursor_start0.json',
  );
  const recordedUsers = readFixture<{ results: Json[] }>('recorded/zenpy_search_export_users_page1.json');
  const recordedOrgs = readFixture<{ organizations: Json[] }>(
    'recorded/zenpy_organizations_cursor_page.json',
  );
  allowNull(ticketing, 'TicketObject', nullKeys(recordedTickets.tickets));
  allowNull(ticketing, 'UserObject', nullKeys(recordedUsers.results));
  allowNull(ticketing, 'OrganizationObject', nullKeys(recordedOrgs.organizations));
  // Incremental exports also list deleted tickets, with status "deleted" (recorded ticket 82).
  for (const props of propertySchemas(ticketing, 'TicketObject')) {
    const status = props.status as Json | undefined;
    if (status && Array.isArray(status.enum)) status.enum = [...status.enum, 'deleted'];
  }
  // Zendesk documents these as null until the event happens (no recorded sample here).
  allowNull(ticketing, 'TicketMetricObject', [
    'assignee_updated_at',
    'requester_updated_at',
    'initially_assigned_at',
    'assigned_at',
    'solved_at',
  ]);
  allowNull(ticketing, 'TicketMetricTimeObject', ['calendar', 'business']);
  // "Set to null to make it accessible to everyone" (the spec's own description).
  allowNull(helpCenter, 'ArticleObject', ['user_segment_id']);

  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // The ticketing spec spells date-time "datetime" in a few user schemas.
  ajv.addFormat('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  ajv.addSchema({ $id: 'ticketing', components: ticketing.components });
  ajv.addSchema({ $id: 'helpcenter', components: helpCenter.components });
  return {
    validator(name: string): ValidateFunction {
      const v =
        (ticketing.components.schemas[name] && ajv.getSchema(`ticketing#/components/schemas/${name}`)) ||
        ajv.getSchema(`helpcenter#/components/schemas/${name}`);
      if (!v) throw new Error(`no schema ${name}`);
      return v;
    },
  };
}
