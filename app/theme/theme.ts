import { DEFAULT_THEME, type IGardenTheme } from '@zendeskgarden/react-theming';

export type ColorScheme = 'light' | 'dark';

/** Garden's theme with the agent workspace's color scheme as its base. */
export function gardenTheme(scheme: ColorScheme): IGardenTheme {
  return { ...DEFAULT_THEME, colors: { ...DEFAULT_THEME.colors, base: scheme } };
}

/** Zendesk puts the workspace's scheme in the frame URL (`colorScheme=dark`) before ZAF starts. */
export function schemeFromUrl(search: string): ColorScheme {
  return new URLSearchParams(search).get('colorScheme') === 'dark' ? 'dark' : 'light';
}

/** `colorScheme.changed` carries the new scheme; anything but 'dark' means light. */
export function schemeFromEvent(data: unknown): ColorScheme {
  return data === 'dark' ? 'dark' : 'light';
}
