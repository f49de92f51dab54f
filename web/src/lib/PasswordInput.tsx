import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import type { PasswordProps } from 'antd/es/input';
import { useTranslation } from 'react-i18next';

/**
 * A password field whose show/hide icon is named in the current language: antd's own icons carry
 * their English file names ("eye-invisible"), which a screen reader reads out in Chinese mode.
 */
export function PasswordInput(props: PasswordProps) {
  const { t } = useTranslation();
  return (
    <Input.Password
      iconRender={(visible) =>
        visible ? (
          <EyeOutlined aria-label={t('common.hidePassword')} />
        ) : (
          <EyeInvisibleOutlined aria-label={t('common.showPassword')} />
        )
      }
      {...props}
    />
  );
}
