import {
  CalendarOutlined,
  IdcardOutlined,
  MedicineBoxOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { POLICE_CATEGORIES, type OutletCategory } from '#shared/catalog.ts';
import { hasRole, type User } from '../auth/api.ts';

const OFFICES: readonly string[] = ['city-office', 'branch-office', 'county-office'];

/**
 * The driver business screens a user's work needs: the driver file for the police, supervisors
 * and administrators; exam sessions for the offices; the medical desk at hospitals and the
 * results desk at exam sites.
 */
export function driverMenu(
  user: User,
  t: (key: string) => string,
): { key: string; icon: ReactNode; label: string }[] {
  const category = user.outletCategory ?? '';
  const police = POLICE_CATEGORIES.includes(category as OutletCategory);
  const items: { key: string; icon: ReactNode; label: string }[] = [];
  if (hasRole(user, 'admin', 'supervisor') || (hasRole(user, 'clerk') && police)) {
    items.push({
      key: '/drivers',
      icon: <IdcardOutlined aria-hidden />,
      label: t('driver.menu.file'),
    });
  }
  if (hasRole(user, 'admin') || (hasRole(user, 'clerk') && OFFICES.includes(category))) {
    items.push({
      key: '/exam-sessions',
      icon: <CalendarOutlined aria-hidden />,
      label: t('driver.menu.examSessions'),
    });
  }
  if (hasRole(user, 'clerk') && category === 'hospital') {
    items.push({
      key: '/hospital',
      icon: <MedicineBoxOutlined aria-hidden />,
      label: t('driver.menu.hospital'),
    });
  }
  if (hasRole(user, 'clerk') && category === 'exam-site') {
    items.push({
      key: '/exam-site',
      icon: <SolutionOutlined aria-hidden />,
      label: t('driver.menu.examSite'),
    });
  }
  return items;
}
