import { Well } from '@zendeskgarden/react-notifications';
import { AccountName } from '../components/AccountName';
import { ErrorNotice } from '../components/ErrorNotice';
import { FitToContent } from '../components/FitToContent';
import { Loading } from '../components/Loading';
import { SidebarHeader } from '../components/SidebarHeader';
import { useI18n } from '../i18n/I18nProvider';
import { useZafGet } from '../zaf/useZafGet';

/** What ZAF's `ticket.organization` gives: the requester's organization, or nothing. */
interface ITicketOrganization {
  id: number;
  name: string;
}

/** Ticket sidebar: the requester's account. The health card comes on top of this (issue 6). */
export default function TicketSidebar() {
  const { t } = useI18n();
  const organization = useZafGet<ITicketOrganization | null | undefined>('ticket.organization');
  return (
    <FitToContent>
      <SidebarHeader title={t('ticket_sidebar.title')} />
      {organization.status === 'loading' && <Loading />}
      {organization.status === 'error' && (
        <ErrorNotice message={organization.message} onRetry={organization.reload} />
      )}
      {organization.status === 'ready' &&
        (organization.value ? (
          <AccountName label={t('ticket_sidebar.organization_label')} name={organization.value.name} />
        ) : (
          <Well isRecessed>
            <Well.Title>{t('ticket_sidebar.no_organization_title')}</Well.Title>
            <Well.Paragraph>{t('ticket_sidebar.no_organization_body')}</Well.Paragraph>
          </Well>
        ))}
    </FitToContent>
  );
}
