import { Table } from '@zendeskgarden/react-tables';
import { LG } from '@zendeskgarden/react-typography';
import type { Metrics } from '../../../src/core/report';
import { useI18n } from '../../i18n/I18nProvider';
import { formatFigure } from '../transforms/format';
import { adoptionFigures, featureFigures } from '../transforms/sections';
import { FigureList } from './FigureList';

export function AdoptionPanel({ metrics }: { metrics: Metrics }) {
  const { t, locale } = useI18n();
  const features = featureFigures(metrics);
  return (
    <>
      <FigureList figures={adoptionFigures(metrics)} label={t('nav_bar.tabs.adoption')} />
      <LG tag="h3" isBold id="features-heading">
        {t('nav_bar.adoption.features_heading')}
      </LG>
      <Table size="small" aria-labelledby="features-heading" data-testid="features-table">
        <Table.Head>
          <Table.HeaderRow>
            <Table.HeaderCell>{t('nav_bar.adoption.feature')}</Table.HeaderCell>
            <Table.HeaderCell>{t('nav_bar.adoption.share')}</Table.HeaderCell>
            <Table.HeaderCell>{t('nav_bar.adoption.visitors')}</Table.HeaderCell>
          </Table.HeaderRow>
        </Table.Head>
        <Table.Body>
          {features.map((f) => (
            <Table.Row key={f.key}>
              <Table.Cell>{t(`nav_bar.feature.${f.key}`)}</Table.Cell>
              <Table.Cell>{formatFigure(f.value, 'percent', locale, t('nav_bar.no_data'))}</Table.Cell>
              <Table.Cell>
                {f.rate
                  ? `${formatFigure(f.rate.numerator, 'count', locale)} / ${formatFigure(f.rate.denominator, 'count', locale)}`
                  : '–'}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </>
  );
}
