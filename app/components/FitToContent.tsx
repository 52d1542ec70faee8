import { useEffect, useRef, type ReactNode } from 'react';
import styled from 'styled-components';
import { useClient } from '../zaf/ClientProvider';
import { fitFrameToContent } from '../zaf/resize';

const StyledContent = styled.div`
  padding: ${({ theme }) => theme.space.sm};
`;

export interface IFitToContentProps {
  children: ReactNode;
}

/** Sidebar content whose frame grows and shrinks with it. */
export function FitToContent({ children }: IFitToContentProps) {
  const client = useClient();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => (ref.current ? fitFrameToContent(client, ref.current) : undefined), [client]);
  return <StyledContent ref={ref}>{children}</StyledContent>;
}
