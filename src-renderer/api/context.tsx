import { createContext, useContext } from 'react';
import type { VerbatimApi } from '../../src-common/api';

export const ApiContext = createContext<VerbatimApi | null>(null);

export function useApi(): VerbatimApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiContext.Provider> above it');
  return api;
}
