// Errors about the database's configuration, worded for whoever runs gridwatch.

/** A configuration problem that stops gridwatch from starting; the message says what to do. */
export class DatabaseConfigurationError extends Error {
  override name = 'DatabaseConfigurationError'
}
