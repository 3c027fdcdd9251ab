/** A command's answer and the ETag to send with it: the journey's version, or the row's for rows with their own. */
export interface CommandAnswer<T> {
  body: T;
  version: number;
}
