import styled from 'styled-components';
import { getColor } from '@zendeskgarden/react-theming';
import { MD, SM } from '@zendeskgarden/react-typography';

const StyledLabel = styled(SM)`
  color: ${({ theme }) => getColor({ theme, variable: 'foreground.subtle' })};
`;

export interface IAccountNameProps {
  /** What the name is, e.g. "Requester's organization". */
  label: string;
  name: string;
}

/** The account a sidebar is about, as a labelled name. */
export function AccountName({ label, name }: IAccountNameProps) {
  return (
    <section aria-label={label}>
      <StyledLabel>{label}</StyledLabel>
      <MD isBold data-testid="account-name">
        {name}
      </MD>
    </section>
  );
}
