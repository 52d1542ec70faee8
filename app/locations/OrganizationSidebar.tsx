import { AccountName } from '../components/AccountName';
import { ErrorNotice } from '../components/ErrorNotice';
import { FitToContent } from '../components/FitToContent';
import { Loading } from '../components/Loading';
import { SidebarHeader } from '../components/SidebarHeader';
import { useI18n } from '../i18n/I18nProvider';
import { useZafGet } from '../zaf/useZafGet';

interface IOrganization {
  id: number;
  name: string;
}

/** Organization sidebar: the account being viewed. The health card comes on top of this (issue 6). */
export default function OrganizationSidebar() {
  const { t } = useI18n();
  const organization = useZafGet<IOrganization>('organization');
  return (
    <FitToContent>
      <SidebarHeader title={t('organization_sidebar.title')} />
      {organization.status === 'loading' && <Loading />}
      {organization.status === 'error' && (
        <ErrorNotice message={organization.message} onRetry={organization.reload} />
      )}
      {organization.status === 'ready' && (
        <AccountName label={t('organization_sidebar.organization_label')} name={organization.value.name} />
      )}
    </FitToContent>
  );
}
