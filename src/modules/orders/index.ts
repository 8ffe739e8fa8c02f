export { ordersApi } from './api.ts';
export { ordersPages } from './routes.tsx';
export { createOrdersService, type OrdersService } from './service.ts';
