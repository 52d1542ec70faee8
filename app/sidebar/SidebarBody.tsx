import styled from 'styled-components';
import { getColor } from '@zendeskgarden/react-theming';
import { SM } from '@zendeskgarden/react-typography';
import { useI18n } from '../i18n/I18nProvider';
import { HealthCard } from './HealthCard';
import type { SidebarTarget } from './model';
import { CardSkeleton, LoadError, NoData, NoOrganization } from './states';
import { TicketInsight } from './TicketInsight';
import type { useSidebarData } from './useSidebarData';

const StyledBody = styled.div`
  display: grid;
  gap: ${({ theme }) => theme.space.md};
`;

const StyledFoot = styled(SM)`
  color: ${({ theme }) => getColor({ theme, variable: 'foreground.subtle' })};
`;

const StyledHeading = styled(SM)`
  margin: 0 0 ${({ theme }) => theme.space.xxs};
  text-transform: uppercase;
  letter-spacing: 0.04em;
  color: ${({ theme }) => getColor({ theme, variable: 'foreground.subtle' })};
`;

export interface ISidebarBodyProps {
  /** The record the sidebar is open on; `organizationId` null for a ticket without one. */
  target: SidebarTarget;
  state: ReturnType<typeof useSidebarData>;
  /** The organization's name as ZAF gives it; null for a ticket whose requester has none. */
  organizationName: string | null;
}

/** The sidebar under its header: every state of one open, designed. */
export function SidebarBody({ target, state, organizationName }: ISidebarBodyProps) {
  const { t, locale } = useI18n();
  if (state.status === 'loading') return <CardSkeleton />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={state.reload} />;
  const { data } = state;
  const live = data.mode === 'live';
  const asOf = data.dataAsOf
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(data.dataAsOf),
      )
    : null;
  const ticket = data.ticket && (
    <section aria-labelledby="ticket-heading" data-testid="ticket-insight">
      <StyledHeading tag="h2" id="ticket-heading" isBold>
        {t('sidebar.ticket_heading')}
      </StyledHeading>
      <TicketInsight insight={data.ticket} portalUnknown={live} />
    </section>
  );
  const hasCard =
    target.organizationId !== null && data.account !== null && data.account.health.score !== null;
  return (
    <StyledBody aria-busy={state.refreshing}>
      {target.organizationId === null && <NoOrganization />}
      {hasCard && data.account ? (
        <HealthCard account={data.account} name={organizationName ?? data.account.id}>
          {ticket}
        </HealthCard>
      ) : (
        <>
          {target.organizationId !== null && <NoData live={live} />}
          {ticket}
        </>
      )}
      <StyledFoot data-testid="data-as-of">
        {live ? t('sidebar.live_partial') + ' ' : ''}
        {asOf ? t('sidebar.data_as_of', { time: asOf }) : t('sidebar.no_data_yet')}
      </StyledFoot>
    </StyledBody>
  );
}
