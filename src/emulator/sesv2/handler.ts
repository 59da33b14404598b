/** PLACEHOLDER: the sesv2 service of the emulator (being written). */
import type { ServiceHandler } from '../types.js';

export function createSesv2Handler(): ServiceHandler {
  return {
    service: 'sesv2',
    operationOf: () => undefined,
    handle: () => ({ status: 501, headers: {}, body: '' }),
    errorResponse: () => ({ status: 501, headers: {}, body: '' }),
    throttlingError: { code: 'Throttling', message: 'Rate exceeded', status: 400 },
    reset: () => undefined,
  };
}
