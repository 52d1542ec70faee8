/**
 * Fixed vocabularies of the generated tenant: names, topics, search queries, the
 * help-center articles and the agents. Catalog functions are pure functions of the seed.
 */
import { hashString, Rng } from './random';

export const FIRST_NAMES = [
  'Ada',
  'Ben',
  'Carla',
  'Dmitri',
  'Elena',
  'Farah',
  'Gus',
  'Hana',
  'Ivan',
  'Jia',
  'Kofi',
  'Lena',
  'Marco',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tomas',
  'Uma',
  'Victor',
  'Wen',
  'Yusuf',
  'Zoe',
  'Aiko',
  'Bruno',
  'Chloe',
  'Diego',
  'Emma',
  'Felix',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Kira',
] as const;

export const LAST_NAMES = [
  'Adams',
  'Berg',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Hoffmann',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
  'Quist',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Ueda',
  'Varga',
  'Weber',
  'Xu',
  'Young',
  'Zimmer',
  'Nguyen',
  'Silva',
  'Khan',
  'Murphy',
] as const;

const COMPANY_HEADS = [
  'Acme',
  'Blue',
  'Cedar',
  'Delta',
  'Echo',
  'Falcon',
  'Granite',
  'Harbor',
  'Iris',
  'Juniper',
  'Kite',
  'Lumen',
  'Maple',
  'Nova',
  'Orbit',
  'Pine',
  'Quartz',
  'River',
  'Summit',
  'Tidal',
  'Umber',
  'Vertex',
  'Willow',
  'Zephyr',
] as const;

const COMPANY_TAILS = [
  'Labs',
  'Logistics',
  'Foods',
  'Health',
  'Capital',
  'Retail',
  'Systems',
  'Studio',
  'Energy',
  'Travel',
  'Media',
  'Works',
  'Analytics',
  'Robotics',
  'Pharma',
  'Outdoor',
] as const;

export const PERSONAL_DOMAINS = ['mail.test', 'inbox.test', 'post.test'] as const;

/** Account name from its index: unique because the index is appended once heads × tails run out. */
export function companyName(index: number): string {
  const head = COMPANY_HEADS[index % COMPANY_HEADS.length] as string;
  const tail = COMPANY_TAILS[Math.floor(index / COMPANY_HEADS.length) % COMPANY_TAILS.length] as string;
  const round = Math.floor(index / (COMPANY_HEADS.length * COMPANY_TAILS.length));
  return round === 0 ? `${head} ${tail}` : `${head} ${tail} ${round + 1}`;
}

export function companyDomain(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.test`;
}

export type Topic = 'billing' | 'login' | 'bug' | 'how_to' | 'integration' | 'account';
export const TOPICS: readonly Topic[] = ['billing', 'login', 'bug', 'how_to', 'integration', 'account'];
/** How often each topic comes up, in TOPICS order. */
export const TOPIC_WEIGHTS: readonly number[] = [0.2, 0.18, 0.22, 0.2, 0.1, 0.1];

/** Searches that find articles, per topic. */
export const QUERIES: Record<Topic, readonly string[]> = {
  billing: [
    'invoice',
    'refund',
    'change payment method',
    'billing address',
    'vat number',
    'cancel subscription',
  ],
  login: ['reset password', 'two factor', 'sso login', 'locked out', 'login error', 'change email'],
  bug: ['error 500', 'page not loading', 'sync failed', 'app crash', 'missing data', 'slow dashboard'],
  how_to: ['export csv', 'add user', 'create report', 'custom fields', 'notifications', 'bulk edit'],
  integration: ['slack integration', 'api key', 'webhooks', 'salesforce sync', 'zapier', 'rate limit'],
  account: ['delete account', 'change plan', 'add seats', 'transfer ownership', 'data retention', 'gdpr'],
};

/** Searches the help center has no answer for: they make the content gaps. */
export const ZERO_RESULT_QUERIES: readonly string[] = [
  'export to sap',
  'invoice in yen',
  'offline mode',
  'dark mode',
  'hipaa',
  'bulk delete tickets',
  'change invoice currency',
  'import from excel 2003',
  'on premise install',
  'cancel  refund partial',
];

export interface Agent {
  id: string;
  name: string;
  email: string;
  role: 'agent' | 'admin';
}

export interface Article {
  id: string;
  title: string;
  body: string;
  section: string;
  labels: string[];
  created_at: number;
  vote_sum: number;
  vote_count: number;
}

export const AGENT_COUNT = 24;
export const ARTICLES_PER_TOPIC = 12;

/** The support team: the first two are admins. */
export function agents(seed: number): Agent[] {
  const rng = new Rng(seed, 'agents');
  const out: Agent[] = [];
  for (let i = 0; i < AGENT_COUNT; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    out.push({
      id: `ag${i + 1}`,
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}.${i + 1}@support.demo.test`,
      role: i < 2 ? 'admin' : 'agent',
    });
  }
  return out;
}

const SECTIONS: Record<Topic, string> = {
  billing: 'Billing and payments',
  login: 'Signing in',
  bug: 'Troubleshooting',
  how_to: 'Getting started',
  integration: 'Integrations',
  account: 'Account management',
};

const TITLE_FORMS = ['How to {q}', 'Troubleshooting: {q}', 'FAQ: {q}', 'Guide to {q}'] as const;

/** The id of article `n` (0-based) of a topic; article ids are stable across seeds. */
export function articleId(topic: Topic, n: number): string {
  return `art${TOPICS.indexOf(topic) * ARTICLES_PER_TOPIC + n + 1}`;
}

/** Help-center articles, ARTICLES_PER_TOPIC per topic, titled after the topic's searches. */
export function helpCenterArticles(seed: number): Article[] {
  const rng = new Rng(seed, 'articles');
  const out: Article[] = [];
  const epoch = Date.UTC(2023, 0, 1);
  for (const topic of TOPICS) {
    const queries = QUERIES[topic];
    for (let n = 0; n < ARTICLES_PER_TOPIC; n++) {
      const q = queries[n % queries.length] as string;
      const form = TITLE_FORMS[Math.floor(n / queries.length) % TITLE_FORMS.length] as string;
      const title = form.replace('{q}', q);
      const votes = rng.int(80);
      const up = Math.round(votes * (0.5 + rng.next() * 0.45));
      out.push({
        id: articleId(topic, n),
        title: title.charAt(0).toUpperCase() + title.slice(1),
        body: `This article explains ${q}.\n\n1. Open the settings page.\n2. Follow the steps for ${q}.\n3. Save your changes.\n\nStill stuck? Submit a request and our team will help.`,
        section: SECTIONS[topic],
        labels: [topic, ...q.split(' ').filter((w) => w.length > 3)],
        created_at: epoch + (hashString(`${topic}${n}`, seed) % 600) * 86_400_000,
        vote_sum: 2 * up - votes,
        vote_count: votes,
      });
    }
  }
  return out;
}
