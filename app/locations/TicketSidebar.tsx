import { AccountName } from '../components/AccountName';
import { ErrorNotice } from '../components/ErrorNotice';
import { FitToContent } from '../components/FitToContent';
import { SidebarHeader } from '../components/SidebarHeader';
import { useI18n } from '../i18n/I18nProvider';
import { SidebarBody } from '../sidebar/SidebarBody';
import { CardSkeleton } from '../sidebar/states';
import { useSidebarData } from '../sidebar/useSidebarData';
import { useZafSession } from '../zaf/ClientProvider';
import { useZafGet } from '../zaf/useZafGet';

/** What ZAF's `ticket.organization` gives: the requester's organization, or nothing. */
interface ITicketOrganization {
  id: number;
  name: string;
}

/**
 * Ticket sidebar: the requester's account health, and what is known about this ticket. With a
 * backend the one request leaves at once, by ticket id (the backend knows its organization),
 * while ZAF names the organization; only a ticket the backend has not synced yet, or whose
 * organization changed since, takes a second request by organization.
 */
export default function TicketSidebar() {
  const { t } = useI18n();
  const { context, settings } = useZafSession();
  const organization = useZafGet<ITicketOrganization | null | undefined>('ticket.organization');
  const ticketId = context.ticketId === undefined ? null : String(context.ticketId);
  const orgId = organization.status === 'ready' && organization.value ? String(organization.value.id) : null;
  const backend = settings.mode === 'backend';
  const byTicket = useSidebarData(backend ? { ticketId, organizationId: null } : null);
  const mismatch =
    backend && orgId !== null && byTicket.status === 'ready' && byTicket.data.accountId !== orgId;
  // Live mode reads the organization's tickets, so it starts once ZAF has named it.
  const byOrganization = useSidebarData(
    mismatch || (!backend && organization.status === 'ready') ? { ticketId, organizationId: orgId } : null,
  );
  const state = backend && !mismatch ? byTicket : byOrganization;
  return (
    <FitToContent>
      <SidebarHeader title={t('ticket_sidebar.title')} />
      {organization.status === 'loading' && <CardSkeleton />}
      {organization.status === 'error' && (
        <ErrorNotice message={organization.message} onRetry={organization.reload} />
      )}
      {organization.status === 'ready' && (
        <>
          {organization.value && (
            <AccountName label={t('ticket_sidebar.organization_label')} name={organization.value.name} />
          )}
          <SidebarBody
            target={{ ticketId, organizationId: orgId }}
            state={state}
            organizationName={organization.value?.name ?? null}
          />
        </>
      )}
    </FitToContent>
  );
}
