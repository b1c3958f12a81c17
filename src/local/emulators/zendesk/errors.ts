/**
 * Zendesk-shaped API errors. Handlers throw these; the server turns them into the JSON bodies the real
 * Support API returns, so clients see the same `error` / `description` / `details` keys they would in production.
 */
export interface FieldError {
  description: string;
  error: string;
  field_key?: number;
}

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${JSON.stringify(body)}`);
  }
}

export const unauthorized = (): ApiError => new ApiError(401, { error: "Couldn't authenticate you" });

export const forbidden = (description = "You do not have access to this page."): ApiError =>
  new ApiError(403, { error: "Forbidden", description });

export const recordNotFound = (): ApiError =>
  new ApiError(404, { error: "RecordNotFound", description: "Not found" });

export const invalidEndpoint = (): ApiError =>
  new ApiError(404, { error: "InvalidEndpoint", description: "Not found" });

export const badRequest = (error: string, description: string): ApiError =>
  new ApiError(400, { error, description });

export const recordInvalid = (details: Record<string, FieldError[]>): ApiError =>
  new ApiError(422, { error: "RecordInvalid", description: "Record validation errors", details });

export const tooManyRequests = (retryAfterSeconds: number, description: string): ApiError =>
  new ApiError(
    429,
    { error: "APIRateLimitExceeded", description },
    { "Retry-After": String(retryAfterSeconds) },
  );

/** Collects field errors so a request reports every invalid field at once, as Zendesk does. */
export class FieldErrors {
  private readonly details: Record<string, FieldError[]> = {};

  add(field: string, description: string, error = "InvalidValue", fieldKey?: number): void {
    const list = this.details[field] ?? [];
    list.push(fieldKey === undefined ? { description, error } : { description, error, field_key: fieldKey });
    this.details[field] = list;
  }

  throwIfAny(): void {
    if (Object.keys(this.details).length > 0) throw recordInvalid(this.details);
  }
}
