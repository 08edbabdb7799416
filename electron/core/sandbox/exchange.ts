// One call to the sandbox as its logic sees it, whatever carries it (loopback HTTP or an in-memory fetch): the request
// read whole, and the ways an answer can go back — whole, dropped, or cut short mid-body.

export interface SandboxRequest {
  readonly method: string;
  /** Path and query, as in an HTTP request line. */
  readonly url: string;
  readonly contentType: string | undefined;
  readonly body: string;
}

export interface Reply {
  /** A whole answer (JSON content type unless `headers` says otherwise). */
  send(status: number, text: string, headers?: Record<string, string>): void;
  /** The connection drops without an answer. */
  drop(): void;
  /** An HTTP 200 head declaring `declaredBytes`, `partial` of the body, then the connection drops. */
  cut(partial: string, declaredBytes: number): void;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
