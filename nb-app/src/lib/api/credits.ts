import { api } from '../api-client';

export const fetchBalance = () => api('get', '/api/credits/balance');
