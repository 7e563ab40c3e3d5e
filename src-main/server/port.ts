// The browser mode's port: --port N, else VERBATIM_PORT, else 5317; 0 = any free port.
export const DEFAULT_PORT = 5317;

export function parsePort(cliValue: string | undefined, envValue: string | undefined): number {
  const [source, raw] =
    cliValue !== undefined ? ['--port', cliValue] : ['VERBATIM_PORT', envValue?.trim()];
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) {
    throw new Error(
      `${source} must be a port number from 0 to 65535 (0 picks a free port); got "${raw}".`,
    );
  }
  return port;
}
