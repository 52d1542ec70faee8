import { MD, SM } from '@zendeskgarden/react-typography';
import { useI18n } from '../i18n/I18nProvider';
import type { TicketInsight as Insight } from './model';
import { formatFigure } from './format';

export interface ITicketInsightProps {
  insight: Insight;
  /** Live mode cannot see the help center, so it says so instead of "did not search". */
  portalUnknown: boolean;
}

function ModelLine({ insight }: { insight: Insight }) {
  const { t, locale } = useI18n();
  const { model } = insight;
  if (model.status === 'ok')
    return (
      <SM>
        {t('sidebar.ticket.model', {
          auc: model.auc.toFixed(2),
          count: formatFigure(model.trained_on, 'count', locale),
        })}
      </SM>
    );
  if (model.status === 'insufficient_data')
    return (
      <SM>{t('sidebar.ticket.model_insufficient', { rated: model.rated_tickets, needed: model.needed })}</SM>
    );
  return <SM>{t('sidebar.ticket.model_unavailable')}</SM>;
}

function PortalLine({ insight, portalUnknown }: ITicketInsightProps) {
  const { t } = useI18n();
  const p = insight.portal;
  if (portalUnknown || !p.known) return <SM>{t('sidebar.ticket.portal_unknown')}</SM>;
  if (!p.searched && !p.read_articles) return <SM>{t('sidebar.ticket.portal_none', { hours: p.hours })}</SM>;
  return (
    <>
      <SM>{t('sidebar.ticket.portal_used', { hours: p.hours })}</SM>
      {p.queries.length > 0 && (
        <SM data-testid="portal-queries">
          {t('sidebar.ticket.queries', { list: p.queries.map((q) => `“${q}”`).join(', ') })}
        </SM>
      )}
      {p.articles.length > 0 && (
        <SM>{t('sidebar.ticket.articles', { list: p.articles.map((a) => `#${a}`).join(', ') })}</SM>
      )}
    </>
  );
}

/** This ticket: predicted satisfaction with how far to trust it, and the help center before it. */
export function TicketInsight({ insight, portalUnknown }: ITicketInsightProps) {
  const { t, locale } = useI18n();
  return (
    <>
      <MD data-testid="predicted-csat">
        {insight.predicted_good === null
          ? t('sidebar.ticket.no_prediction')
          : t('sidebar.ticket.prediction', { value: formatFigure(insight.predicted_good, 'rate', locale) })}
      </MD>
      <ModelLine insight={insight} />
      <div data-testid="portal-activity">
        <PortalLine insight={insight} portalUnknown={portalUnknown} />
      </div>
    </>
  );
}
