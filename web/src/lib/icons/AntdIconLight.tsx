import Light from '@ant-design/icons/es/components/AntdIconLight';
import { accessibleIcon } from './accessibleIcon.tsx';

/** antd's one-colour icons (Outlined, Filled), as accessibleIcon.tsx says. */
export default accessibleIcon(Light);
