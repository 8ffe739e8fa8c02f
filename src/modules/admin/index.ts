export { adminApi } from './api.ts';
export { type AdminService, createAdminService } from './service.ts';
export { AdminShell } from './views.tsx';
