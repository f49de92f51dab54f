import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { hasRole, homeOf, type Role } from '../auth/api.ts';
import { useAuth } from '../auth/AuthContext.tsx';

/** Children (or the nested routes) only for a logged-in user with one of the roles; others go to login or home. */
export function RequireAuth({ roles, children }: { roles?: Role[]; children?: ReactNode }) {
  const { user, restoring } = useAuth();
  const location = useLocation();
  if (restoring) return <Spin size="large" className="page-spin" />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (roles && !hasRole(user, ...roles)) return <Navigate to={homeOf(user)} replace />;
  return <>{children ?? <Outlet />}</>;
}
