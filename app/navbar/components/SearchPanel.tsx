import { Table } from '@zendeskgarden/react-tables';
import { LG, MD } from '@zendeskgarden/react-typography';
import type { Metrics } from '../../../src/core/report';
import { useI18n } from '../../i18n/I18nProvider';
import { formatFigure } from '../transforms/format';
import { searchFigures } from '../transforms/sections';
import { FigureList } from './FigureList';

/** Search quality and the content gaps: the articles to write next. */
export function SearchPanel({ metrics }: { metrics: Metrics }) {
  const { t, locale } = useI18n();
  const gaps = metrics.content_gaps;
  return (
    <>
      <FigureList figures={searchFigures(metrics)} label={t('nav_bar.tabs.search')} />
      <LG tag="h3" isBold id="gaps-heading">
        {t('nav_bar.search.gaps_heading')}
      </LG>
      <MD>{t('nav_bar.definition.content_gaps')}</MD>
      {gaps.length === 0 ? (
        <MD>{t('nav_bar.search.no_gaps')}</MD>
      ) : (
        <Table size="small" aria-labelledby="gaps-heading" data-testid="gaps-table">
          <Table.Head>
            <Table.HeaderRow>
              <Table.HeaderCell>{t('nav_bar.search.query')}</Table.HeaderCell>
              <Table.HeaderCell>{t('nav_bar.search.count')}</Table.HeaderCell>
            </Table.HeaderRow>
          </Table.Head>
          <Table.Body>
            {gaps.map((g) => (
              <Table.Row key={g.query}>
                <Table.Cell>{g.query}</Table.Cell>
                <Table.Cell>{formatFigure(g.count, 'count', locale)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}
