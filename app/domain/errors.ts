// Errors a user can cause, each with a translation key the route shows.
export class DomainError extends Error {
  constructor(
    public readonly messageKey: string,
    message?: string,
  ) {
    super(message ?? messageKey);
  }
}

/** Someone else saved the record since this form was opened. */
export class ConflictError extends DomainError {
  constructor(public readonly currentVersion: number) {
    super("error.conflict", `Edit conflict: the record is now at version ${currentVersion}`);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super("error.notFound", `${what} not found`);
  }
}
