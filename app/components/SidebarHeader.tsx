import styled from 'styled-components';
import { LG } from '@zendeskgarden/react-typography';
import { ModeTag } from './ModeTag';

const StyledHeader = styled.header`
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: ${({ theme }) => theme.space.xs};
  margin-bottom: ${({ theme }) => theme.space.sm};
`;

export interface ISidebarHeaderProps {
  title: string;
}

export function SidebarHeader({ title }: ISidebarHeaderProps) {
  return (
    <StyledHeader>
      <LG tag="h1" isBold>
        {title}
      </LG>
      <ModeTag />
    </StyledHeader>
  );
}
