import { describe, expect, it } from 'vitest';
import type { AppError } from './errors.ts';
import { can, isStaff, PERMISSIONS, ROLE_PERMISSIONS, requirePermission, STAFF_ROLES } from './staff.ts';

describe('staff roles and permissions', () => {
  it('give every permission to admins and none to a user or an unknown role', () => {
    for (const p of PERMISSIONS) {
      expect(can({ roles: ['admin'] }, p)).toBe(true);
      expect(can({ roles: [] }, p)).toBe(false);
      expect(can({ roles: ['vip'] }, p)).toBe(false);
      expect(can(null, p)).toBe(false);
    }
  });
  it('follow the one map for each role, and a person with two roles has both', () => {
    for (const r of STAFF_ROLES) for (const p of PERMISSIONS) expect(can({ roles: [r] }, p)).toBe(ROLE_PERMISSIONS[r].includes(p));
    expect(can({ roles: ['finance', 'support'] }, 'finance')).toBe(true);
    expect(can({ roles: ['finance', 'support'] }, 'support')).toBe(true);
    expect(can({ roles: ['finance', 'support'] }, 'moderate')).toBe(false);
    expect(ROLE_PERMISSIONS.finance).not.toContain('read_private');
    expect(ROLE_PERMISSIONS.moderator).not.toContain('finance');
  });
  it('let every staff role into the staff area', () => {
    for (const r of STAFF_ROLES) expect(can({ roles: [r] }, 'staff_area')).toBe(true);
    expect(isStaff(['support'])).toBe(true);
    expect(isStaff({ roles: ['buyer'] })).toBe(false);
  });
  it('refuse nobody with auth.required and others with auth.forbidden', () => {
    const code = (f: () => void) => {
      try {
        f();
        return 'allowed';
      } catch (e) {
        return (e as AppError).code;
      }
    };
    expect(code(() => requirePermission(null, 'admin'))).toBe('auth.required');
    expect(code(() => requirePermission({ roles: ['moderator'] }, 'admin'))).toBe('auth.forbidden');
    expect(code(() => requirePermission({ roles: ['admin'] }, 'admin'))).toBe('allowed');
  });
});
