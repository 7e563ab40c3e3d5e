// Validation at the boundary, shared by both transports: a raw argument from
// IPC or HTTP is checked against the method's schema before any service sees
// it, and every outcome becomes an `ApiReply` that survives serialisation.
import {
  API_METHODS,
  ApiError,
  requestSchemas,
  type ApiArgs,
  type ApiMethod,
  type ApiReply,
  type ApiResponses,
} from '../src-common/api';

/** What the services provide: one function per API method, on validated arguments. */
export type ApiHandlers = {
  [M in ApiMethod]: (args: ApiArgs<M>) => Promise<ApiResponses[M]>;
};

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as string[]).includes(name);
}

/** Parses a raw request; throws an ApiError('bad-request') that says what is wrong. */
export function validateRequest<M extends ApiMethod>(method: M, raw: unknown): ApiArgs<M> {
  const parsed = requestSchemas[method].safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`,
    );
    throw new ApiError('bad-request', `Invalid arguments for ${method}: ${problems.join('; ')}.`);
  }
  return parsed.data as ApiArgs<M>;
}

export async function dispatch(
  handlers: ApiHandlers,
  method: string,
  raw: unknown,
  onInternalError: (method: string, error: unknown) => void = () => {},
): Promise<ApiReply<unknown>> {
  try {
    if (!isApiMethod(method)) {
      throw new ApiError(
        'bad-request',
        `Unknown API method "${method}"; expected one of ${API_METHODS.join(', ')}.`,
      );
    }
    const args = validateRequest(method, raw);
    const handler = handlers[method] as (a: typeof args) => Promise<unknown>;
    return { ok: true, value: await handler(args) };
  } catch (error) {
    if (error instanceof ApiError) {
      return { ok: false, error: { code: error.code, message: error.message } };
    }
    onInternalError(method, error);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `${method} failed unexpectedly: ${(error as Error)?.message ?? String(error)}`,
      },
    };
  }
}
