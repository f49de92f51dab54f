import type { IconComponentProps } from '@ant-design/icons/es/components/AntdIcon';
import { forwardRef, type ComponentType, type Ref, type RefAttributes } from 'react';
import { useTranslation } from 'react-i18next';

type IconComponent = ComponentType<IconComponentProps & RefAttributes<HTMLSpanElement>>;

/**
 * Icons antd draws as the only content of a control, which has no other name: a table's page
 * buttons, the tabs' overflow button. (In this app no other antd control draws left or right
 * alone: the menu has no collapse trigger, and the app's own page buttons hide theirs beside their
 * text.) Not close-circle: antd draws it both in a field's clear button and beside the text of
 * every error alert, message and result, which would read "清除 用户名或密码错误"; the clear
 * buttons are named where the app allows clearing (lib/clearable.tsx).
 */
const CONTROL_ICONS: Record<string, string> = {
  left: 'common.previousPage',
  right: 'common.nextPage',
  // The button of the tabs that do not fit (a phone's supervision centre).
  ellipsis: 'common.more',
};

/**
 * antd's icon with what a screen reader should hear: antd names every icon by its English file
 * name (`aria-label="user"`, "printer", "check-circle"), which a screen reader reads out in
 * Chinese mode. An icon is decorative beside the text of its button, menu item or alert, so it is
 * hidden from assistive technology; one given its own `aria-label` keeps it, and the few that
 * stand alone in an antd control are named through i18n. vite.config.ts puts this in place of
 * antd's own, for the app's icons and those antd draws inside its components alike.
 */
export function accessibleIcon(Base: IconComponent) {
  function AccessibleIcon(props: IconComponentProps, ref: Ref<HTMLSpanElement>) {
    const { t } = useTranslation();
    if (props['aria-label'] !== undefined) return <Base {...props} ref={ref} />;
    const key = CONTROL_ICONS[props.icon.name];
    if (key) return <Base {...props} aria-label={t(key)} ref={ref} />;
    return <Base aria-hidden {...props} role={undefined} aria-label={undefined} ref={ref} />;
  }
  return forwardRef(AccessibleIcon);
}
