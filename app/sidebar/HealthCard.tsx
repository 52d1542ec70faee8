import { useEffect, type ReactNode } from 'react';
import styled from 'styled-components';
import { Anchor } from '@zendeskgarden/react-buttons';
import { getColor } from '@zendeskgarden/react-theming';
import { Tag } from '@zendeskgarden/react-tags';
import { SM, XXL } from '@zendeskgarden/react-typography';
import type { HealthBand } from '../../src/core/health/types';
import { useI18n } from '../i18n/I18nProvider';
import { useZafSession } from '../zaf/ClientProvider';
import { FactorList } from './FactorList';
import { trendEnds } from './format';
import { KeyFigures } from './KeyFigures';
import { HEALTH_CARD_MARK } from './marks';
import type { AccountView } from './model';
import { Sparkline } from './Sparkline';

const BAND_HUE: Record<HealthBand, string> = { healthy: 'green', watch: 'yellow', at_risk: 'red' };

const StyledCard = styled.article`
  display: grid;
  gap: ${({ theme }) => theme.space.sm};
`;

const StyledScoreRow = styled.div`
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space.sm};
`;

const StyledHeading = styled(SM)`
  margin: 0;
  text-transform: uppercase;
  letter-spacing: 0.04em;
  color: ${({ theme }) => getColor({ theme, variable: 'foreground.subtle' })};
`;

export interface IHealthCardProps {
  account: AccountView;
  name: string;
  /** Shown right under the score: what the agent came for on a ticket. */
  children?: ReactNode;
}

function Heading({ id, children }: { id: string; children: string }) {
  return (
    <StyledHeading tag="h2" id={id} isBold>
      {children}
    </StyledHeading>
  );
}

/** Score and band, trend, factors, key figures and summary of one account. */
export function HealthCard({ account, name, children }: IHealthCardProps) {
  const { t } = useI18n();
  const { client, metadata } = useZafSession();
  const { health } = account;
  const ends = trendEnds(account.trend);
  // The moment the card is on screen, for the open-to-card budget (bench/sidebar.ts).
  useEffect(() => void performance.mark(HEALTH_CARD_MARK), []);
  const openAccount = () =>
    void client.invoke('routeTo', 'nav_bar', metadata.name, `accounts/${encodeURIComponent(account.id)}`);
  return (
    <StyledCard aria-label={t('sidebar.card_label', { name })} data-testid="health-card">
      <StyledScoreRow>
        <XXL
          tag="p"
          isBold
          data-testid="health-score"
          aria-label={t('sidebar.score_label', { score: Math.round(health.score ?? 0) })}
        >
          {Math.round(health.score ?? 0)}
        </XXL>
        {health.band && (
          <Tag hue={BAND_HUE[health.band]} data-testid="health-band">
            {t(`sidebar.band.${health.band}`)}
          </Tag>
        )}
        {ends && (
          <Sparkline
            points={account.trend}
            label={t('sidebar.trend_label', { first: ends.first, last: ends.last })}
          />
        )}
      </StyledScoreRow>
      {children}
      <section>
        <Heading id="factors-heading">{t('sidebar.factors_heading')}</Heading>
        <FactorList factors={health.factors} labelledBy="factors-heading" />
      </section>
      {account.keyFigures && (
        <section>
          <Heading id="figures-heading">{t('sidebar.figures_heading')}</Heading>
          <KeyFigures figures={account.keyFigures} labelledBy="figures-heading" />
        </section>
      )}
      {account.summary && account.summary.sentences.length > 0 && (
        <section aria-labelledby="summary-heading">
          <Heading id="summary-heading">{t('sidebar.summary_heading')}</Heading>
          <SM data-testid="activity-summary">{account.summary.sentences.join(' ')}</SM>
        </section>
      )}
      <Anchor
        href={`#accounts/${encodeURIComponent(account.id)}`}
        onClick={(e) => {
          e.preventDefault();
          openAccount();
        }}
        data-testid="open-account"
      >
        {t('sidebar.open_account')}
      </Anchor>
    </StyledCard>
  );
}
