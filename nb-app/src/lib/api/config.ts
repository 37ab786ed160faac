import { api } from '../api-client';

/** Public switches of the platform (e.g. `demo_upstream`); no identity is sent. */
export const fetchClientConfig = (signal?: AbortSignal) => api('get', '/api/config', { as: 'anonymous', signal });
