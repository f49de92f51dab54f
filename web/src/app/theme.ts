import type { ThemeConfig } from 'antd';

/**
 * antd's theme with every text colour at 4.5:1 or more against its background (WCAG 2.1 AA,
 * 1.4.3). antd's defaults fall short for secondary text, placeholders, links, error messages and
 * the text of status tags (e.g. #52c41a on #f6ffed is 2.2:1). A coloured tag writes in shade 7
 * of its palette on shade 1: for the palettes where that falls short (orange #d46b08 on #fff7e6
 * is 3.3:1, green #389e0d on #f6ffed 3.4:1) the tags write in shade 8 (5.1:1 and 5.4:1) or, for
 * gold, yellow and lime, shade 9; blue, geekblue, purple, magenta and red pass as they are.
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
  components: {
    Tag: {
      volcano7: '#ad2102',
      orange7: '#ad4e00',
      gold7: '#874d00',
      yellow7: '#876800',
      lime7: '#3f6600',
      green7: '#237804',
      cyan7: '#006d75',
    },
  },
};
