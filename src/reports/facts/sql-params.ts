/**
 * Bind parameters for a query assembled from parts: each value is added once and named
 * by its placeholder, with the cast Postgres needs to type it.
 */
export class SqlParams {
  readonly values: unknown[] = [];
  private readonly named = new Map<string, string>();

  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }

  /** The same placeholder each time for one name, so a value used twice is bound once. */
  once(name: string, value: unknown, cast: string): string {
    let placeholder = this.named.get(name);
    if (!placeholder) {
      placeholder = this.add(value, cast);
      this.named.set(name, placeholder);
    }
    return placeholder;
  }
}
