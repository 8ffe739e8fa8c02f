export { type AdminService, createAdminService } from './service.ts';
