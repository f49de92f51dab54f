import { useAuth } from '../auth/AuthContext.tsx';

/** An outlet's name when it is the user's own; its code otherwise (applications carry codes). */
export function useOutletLabel() {
  const { user } = useAuth();
  return (code: string) => (user?.outletCode === code && user.outletName ? user.outletName : code);
}
