import type { Role } from '@contract/http/auth';

/** What each role may do (docs/design.md §4). */
export type Permission = 'read' | 'operate' | 'admin';

const grants: Record<Role, readonly Permission[]> = {
  admin: ['read', 'operate', 'admin'],
  operator: ['read', 'operate'],
  viewer: ['read'],
};

/** True when the role holds the permission. */
export function roleAllows(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}
