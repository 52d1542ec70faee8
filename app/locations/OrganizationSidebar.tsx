import { AccountName } from '../components/AccountName';
import { ErrorNotice } from '../components/ErrorNotice';
import { FitToContent } from '../components/FitToContent';
import { SidebarHeader } from '../components/SidebarHeader';
import { useI18n } from '../i18n/I18nProvider';
import { SidebarBody } from '../sidebar/SidebarBody';
import { CardSkeleton } from '../sidebar/states';
import { useSidebarData } from '../sidebar/useSidebarData';
import { useZafGet } from '../zaf/useZafGet';

interface IOrganization {
  id: number;
  name: string;
}

/** Organization sidebar: the health of the account being viewed. */
export default function OrganizationSidebar() {
  const { t } = useI18n();
  const organization = useZafGet<IOrganization>('organization');
  const target =
    organization.status === 'ready'
      ? { ticketId: null, organizationId: String(organization.value.id) }
      : null;
  const state = useSidebarData(target);
  return (
    <FitToContent>
      <SidebarHeader title={t('organization_sidebar.title')} />
      {organization.status === 'loading' && <CardSkeleton />}
      {organization.status === 'error' && (
        <ErrorNotice message={organization.message} onRetry={organization.reload} />
      )}
      {organization.status === 'ready' && target && (
        <>
          <AccountName label={t('organization_sidebar.organization_label')} name={organization.value.name} />
          <SidebarBody target={target} state={state} organizationName={organization.value.name} />
        </>
      )}
    </FitToContent>
  );
}
