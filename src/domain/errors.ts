/** Base of the errors the domain raises; `code` is stable so handlers can map it to a response. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Another writer changed the record since it was read (optimistic concurrency). Safe to retry. */
export class ConcurrentModification extends DomainError {
  constructor(what: string, options?: ErrorOptions) {
    super("CONCURRENT_MODIFICATION", `${what} was changed concurrently`, options);
  }
}
