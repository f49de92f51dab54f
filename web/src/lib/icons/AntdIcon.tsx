import TwoTone from '@ant-design/icons/es/components/AntdIcon';
import { accessibleIcon } from './accessibleIcon.tsx';

/** antd's two-tone icons, as accessibleIcon.tsx says. */
export default accessibleIcon(TwoTone);
