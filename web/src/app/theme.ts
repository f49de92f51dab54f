import type { ThemeConfig } from 'antd';

/**
 * antd's theme with every text colour at 4.5:1 or more against its background (WCAG 2.1 AA,
 * 1.4.3). antd's defaults fall short for secondary text, placeholders, links, error messages and
 * the text of status tags (e.g. #52c41a on #f6ffed is 2.2:1). Coloured tags keep to the
 * palettes whose text passes on their light background (blue, geekblue, purple, magenta, red):
 * green, gold and cyan do not.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fbf',
    // Darker, not lighter, on hover: a hovered default button's text stays readable.
    colorPrimaryHover: '#174ea3',
    colorInfo: '#1f5fbf',
    colorLink: '#1f5fbf',
    colorLinkHover: '#174ea3',
    // Dark status colours derive greyish light shades: their backgrounds are given as well.
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarning: '#874d00',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
};
