/** Definitions on hover live in translations (short forms of docs/metrics.md): every figure shown has one. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rate } from '../../src/core/dataset';
import type { Metrics } from '../../src/core/report';
import { CHANNELS, DEVICES, PORTAL_EVENT_TYPES } from '../../src/core/records';
import { translate, type Dictionary } from '../../app/i18n/translate';
import { KPI_KEYS } from '../../app/navbar/transforms/kpis';
import { adoptionFigures, searchFigures } from '../../app/navbar/transforms/sections';
import { TARGET_KEYS, WEIGHT_KEYS } from '../../app/navbar/transforms/settings-form';

const en = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../translations/en.json'), 'utf8'),
) as Dictionary;
const has = (key: string) => translate(en, key) !== key;

describe('nav bar translations', () => {
  const none = rate(0, 0);
  const shownKeys = [
    ...KPI_KEYS,
    ...adoptionFigures({
      active_account_share: none,
      return_visit_rate: none,
      mobile_share: none,
    } as Metrics),
    ...searchFigures({ search_success_rate: none, zero_result_rate: none } as Metrics),
  ].map((k) => (typeof k === 'string' ? k : k.key));

  it.each(shownKeys)('%s has a name and a definition', (key) => {
    expect(has(`nav_bar.metric.${key}`)).toBe(true);
    expect(has(`nav_bar.definition.${key}`)).toBe(true);
  });

  it('names every channel, device, portal feature, target and health factor', () => {
    const missing = [
      ...CHANNELS.map((c) => `nav_bar.channel.${c}`),
      ...DEVICES.map((d) => `nav_bar.device.${d}`),
      ...PORTAL_EVENT_TYPES.map((f) => `nav_bar.feature.${f}`),
      ...TARGET_KEYS.map((k) => `nav_bar.metric.${k}`),
      ...WEIGHT_KEYS.map((k) => `nav_bar.factor.${k}`),
    ].filter((k) => !has(k));
    expect(missing).toEqual([]);
  });
});
