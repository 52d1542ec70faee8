import styled from 'styled-components';
import { getColor } from '@zendeskgarden/react-theming';
import { Well } from '@zendeskgarden/react-notifications';
import { MD, XXL } from '@zendeskgarden/react-typography';
import { ModeTag } from '../components/ModeTag';
import { useI18n } from '../i18n/I18nProvider';
import { MetricsPage } from '../navbar/MetricsPage';
import { useZafSession } from '../zaf/ClientProvider';

const StyledPage = styled.main`
  padding: ${({ theme }) => theme.space.lg};
  max-width: 1200px;
`;

const StyledTitle = styled.div`
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space.sm};
`;

const StyledSubtitle = styled(MD)`
  margin: ${({ theme }) => `${theme.space.xs} 0 ${theme.space.md}`};
  color: ${({ theme }) => getColor({ theme, variable: 'foreground.subtle' })};
`;

/** Nav bar page: the metrics page for support leads, or what to configure without a backend. */
export default function NavBar() {
  const { t } = useI18n();
  const { settings } = useZafSession();
  return (
    <StyledPage>
      <StyledTitle>
        <XXL tag="h1" isBold>
          {t('nav_bar.title')}
        </XXL>
        <ModeTag />
      </StyledTitle>
      <StyledSubtitle>{t('nav_bar.subtitle')}</StyledSubtitle>
      {settings.backendUrl ? (
        <MetricsPage backendUrl={settings.backendUrl} />
      ) : (
        <Well isRecessed>
          <Well.Paragraph data-testid="backend-status">{t('nav_bar.backend_not_configured')}</Well.Paragraph>
        </Well>
      )}
    </StyledPage>
  );
}
