/**
 * The API key and the endpoints it may go to. A key is bound to the endpoint it was entered
 * for (Google's, or the base URL set at that moment); a link or a setting that points live
 * calls elsewhere does not get it until the user says so in the page. The key lives only here,
 * in the worker; the page learns where it may go, never what it is.
 */
export class KeyBinding {
  private key = '';
  private origins: string[] = [];

  /** A new key (or '' for none), allowed to go to `origins` only. */
  set(key: string, origins: readonly string[]): void {
    this.key = key.trim();
    this.origins = this.key === '' ? [] : [...new Set(origins)];
  }

  /** The user agreed to send the key to `origin` as well. */
  allow(origin: string): void {
    if (this.key !== '' && !this.origins.includes(origin)) this.origins.push(origin);
  }

  /** The key itself, '' for none: for this worker's own use (naming its budget), never posted. */
  get current(): string {
    return this.key;
  }

  get hasKey(): boolean {
    return this.key !== '';
  }

  get allowedOrigins(): readonly string[] {
    return this.origins;
  }

  /** The key if it may go to `origin`, else ''. */
  keyFor(origin: string): string {
    return this.origins.includes(origin) ? this.key : '';
  }

  /** Whether a key is set but may not go to `origin`: the page must ask before it does. */
  blockedAt(origin: string): boolean {
    return this.key !== '' && !this.origins.includes(origin);
  }

  /** Whether `key` is the key held now (so setting it again changes nothing). */
  isSame(key: string): boolean {
    return key.trim() === this.key;
  }
}
