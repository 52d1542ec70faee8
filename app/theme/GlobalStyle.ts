import { createGlobalStyle } from 'styled-components';
import { getColor } from '@zendeskgarden/react-theming';

/** The page behind the app follows the Garden theme, so dark mode has no white edges. */
export const GlobalStyle = createGlobalStyle`
  html, body {
    margin: 0;
    background-color: ${({ theme }) => getColor({ theme, variable: 'background.default' })};
    color: ${({ theme }) => getColor({ theme, variable: 'foreground.default' })};
    font-family: ${({ theme }) => theme.fonts.system};
    font-size: ${({ theme }) => theme.fontSizes.md};
  }
`;
