/**
 * Ticket subjects, descriptions and conversation lines from templates. The tone follows
 * the account's health, and the words are ordinary sentiment-lexicon words (AFINN), so
 * text sentiment carries a real, noisy signal about satisfaction.
 */
import type { Topic } from './catalog';
import type { Rng } from './random';

export type Tone = 'positive' | 'neutral' | 'negative' | 'angry';

/** The tone's contribution to P(good): what a sentiment scorer would roughly read from it. */
export const TONE_SENTIMENT: Record<Tone, number> = { positive: 1, neutral: 0, negative: -1, angry: -2 };

/** Tone from a health-like score in [0, 1] plus noise. */
export function toneFor(score: number): Tone {
  if (score > 0.72) return 'positive';
  if (score > 0.45) return 'neutral';
  if (score > 0.25) return 'negative';
  return 'angry';
}

const SUBJECTS: Record<Topic, readonly string[]> = {
  billing: [
    'Question about invoice {n}',
    'Charged twice this month',
    'Refund for order {n}',
    'Update billing details',
  ],
  login: [
    'Cannot log in',
    'Password reset email not arriving',
    'Locked out of my account',
    'SSO login fails',
  ],
  bug: ['Error 500 on the dashboard', 'Reports not loading', 'Sync failed overnight', 'App crashes on save'],
  how_to: [
    'How do I export to CSV?',
    'Adding a new user',
    'Setting up custom fields',
    'Creating a weekly report',
  ],
  integration: [
    'Slack integration stopped posting',
    'API key rejected',
    'Webhook not firing',
    'Salesforce sync missing records',
  ],
  account: ['Change our plan', 'Add five seats', 'Transfer account ownership', 'Delete old workspace'],
};

const SUBJECT_PREFIX: Record<Tone, readonly string[]> = {
  positive: ['', 'Quick question: '],
  neutral: ['', '', 'Re: '],
  negative: ['Still waiting: ', 'Problem: ', ''],
  angry: ['URGENT: ', 'Again!! ', 'Unacceptable: '],
};

const OPENINGS: Record<Tone, readonly string[]> = {
  positive: [
    'Hi team, thanks for the great product, we love it.',
    'Hello! Happy customers here, just one small thing.',
    'Hi, thank you for the quick help last time.',
  ],
  neutral: ['Hello,', 'Hi support,', 'Good morning,'],
  negative: [
    'Hi, I am disappointed that this is still a problem.',
    'Hello, this issue is frustrating our team.',
    'We are unhappy with how long this is taking.',
  ],
  angry: [
    'This is terrible. Nothing works and nobody answers.',
    'I am furious: this is the worst outage we have had and it is ridiculous.',
    'Awful experience again. Your product is broken and useless today.',
  ],
};

const BODIES: Record<Topic, readonly string[]> = {
  billing: [
    'Our invoice {n} shows the wrong amount.',
    'We were charged twice for the same month.',
    'Can you send a copy of invoice {n}?',
  ],
  login: [
    'Several people cannot sign in since this morning.',
    'The password reset link does not arrive.',
    'After enabling two factor I am locked out.',
  ],
  bug: [
    'The dashboard shows error 500 when we open it.',
    'Reports stay blank after loading.',
    'The nightly sync failed with code {n}.',
  ],
  how_to: [
    'How can I export all records to CSV?',
    'What is the way to add a user with limited rights?',
    'Where do I configure custom fields?',
  ],
  integration: [
    'The Slack channel gets no messages any more.',
    'Our API key is rejected with 401.',
    'Webhooks stopped arriving at our endpoint.',
  ],
  account: [
    'We would like to move to the annual plan.',
    'Please add five seats to our account.',
    'Ownership should move to our new admin.',
  ],
};

const CLOSINGS: Record<Tone, readonly string[]> = {
  positive: ['Thanks a lot!', 'Much appreciated, great work.', 'Thank you, have a nice day!'],
  neutral: ['Regards.', 'Thanks.', 'Best regards.'],
  negative: ['Please fix this soon, it hurts our work.', 'We expected better.', 'This is a problem for us.'],
  angry: ['Fix it now or we cancel.', 'We will leave if this happens again.', 'Horrible support, seriously.'],
};

const FOLLOW_UPS: Record<Tone, readonly string[]> = {
  positive: ['Thanks, that helped!', 'Great, works now. Thank you!', 'Perfect, appreciate it.'],
  neutral: [
    'I tried that, see the details below.',
    'Here is the screenshot you asked for.',
    'Any update on this?',
  ],
  negative: ['That did not help, still broken.', 'Still waiting for a real answer.', 'The problem is back.'],
  angry: [
    'Useless answer. Still broken!',
    'This is ridiculous, nobody reads my messages.',
    'Terrible. Escalate this now.',
  ],
};

const AGENT_LINES: readonly string[] = [
  'Thanks for reaching out. I have looked into this and applied a fix on our side.',
  'Sorry for the trouble. Could you try again and let me know if it works?',
  'I have passed this to our specialists and will update you shortly.',
  'Here are the steps that should solve it: open Settings, then Save again.',
  'Thank you for your patience. The issue is resolved now.',
  'Could you send us a screenshot of the error so we can check?',
];

const fill = (s: string, rng: Rng): string => s.replace('{n}', String(10_000 + rng.int(90_000)));

export function subject(rng: Rng, topic: Topic, tone: Tone): string {
  return rng.pick(SUBJECT_PREFIX[tone]) + fill(rng.pick(SUBJECTS[topic]), rng);
}

export function description(rng: Rng, topic: Topic, tone: Tone): string {
  return `${rng.pick(OPENINGS[tone])}\n\n${fill(rng.pick(BODIES[topic]), rng)}\n\n${rng.pick(CLOSINGS[tone])}`;
}

export function followUp(rng: Rng, tone: Tone): string {
  return rng.pick(FOLLOW_UPS[tone]);
}

export function agentLine(rng: Rng): string {
  return rng.pick(AGENT_LINES);
}

/** The tone a description was written in, read back from its opening line (neutral if unknown). */
export function toneOfDescription(text: string): Tone {
  const opening = text.split('\n', 1)[0] ?? '';
  for (const tone of ['positive', 'negative', 'angry'] as const)
    if (OPENINGS[tone].includes(opening)) return tone;
  return 'neutral';
}
