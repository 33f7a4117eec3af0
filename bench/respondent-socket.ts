// The load generator's own HTTP/1.1 client for the timed page posts: one kept-alive socket per respondent,
// one request at a time, each request one write of a prepared string, a response read as far as its
// status and end. It costs the shared 2-core machine about half of what `node:http` does per request, CPU
// that otherwise goes missing from the server and PostgreSQL under test. Arrivals and page views still use
// `node:http` (respondent-walk.ts), which is not timed or not on the hot path.
import net from 'node:net';

interface Pending {
  readonly resolve: (status: number) => void;
  readonly reject: (error: Error) => void;
}

export class PostConnection {
  private socket: net.Socket | null = null;
  private data = '';
  private pending: Pending | null = null;

  constructor(private readonly base: URL) {}

  /** POSTs a form body to `path` and resolves with the status code once the whole response has arrived. */
  async post(path: string, body: string): Promise<number> {
    const socket = this.socket ?? (await this.connect());
    const request = `POST ${path} HTTP/1.1\r\nHost: ${this.base.host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    return new Promise<number>((resolve, reject) => {
      this.pending = { resolve, reject };
      socket.write(request);
    });
  }

  /** Opens the socket now (before timing starts: behind `serve --workers` a new connection is handed to a worker by the primary). */
  async open(): Promise<void> {
    if (!this.socket) await this.connect();
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(this.base.port), this.base.hostname);
      socket.setNoDelay(true);
      socket.setEncoding('latin1'); // one character per byte, so lengths are byte counts
      socket.once('connect', () => {
        socket.off('error', reject);
        this.socket = socket;
        resolve(socket);
      });
      socket.once('error', reject);
      socket.on('data', (chunk: string) => this.received(chunk));
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
        this.fail(new Error('the server closed the connection before answering'));
      });
      socket.on('error', (error) => this.fail(error));
    });
  }

  private received(chunk: string): void {
    this.data += chunk;
    const end = this.data.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.data.slice(0, end).toLowerCase();
    const length = /\r\ncontent-length: *(\d+)/.exec(head);
    let total: number;
    if (length) {
      total = end + 4 + Number(length[1]);
      if (this.data.length < total) return;
    } else if (head.includes('\r\ntransfer-encoding: chunked')) {
      const bodyEnd = chunkedEnd(this.data, end + 4);
      if (bodyEnd < 0) return;
      total = bodyEnd;
    } else {
      total = end + 4; // no body (a 1xx, 204 or 304 would be these; the server sends neither here)
    }
    const status = Number(this.data.slice(9, 12));
    this.data = this.data.slice(total);
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(status);
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    this.data = '';
    pending?.reject(error);
  }
}

/** Where a chunked body starting at `at` ends (after the last chunk and its blank line), or −1 if not all here. */
function chunkedEnd(data: string, at: number): number {
  let i = at;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', i);
    if (lineEnd < 0) return -1;
    const size = parseInt(data.slice(i, lineEnd), 16);
    if (size === 0) return data.startsWith('\r\n', lineEnd + 2) ? lineEnd + 4 : -1; // no trailers from this server
    i = lineEnd + 2 + size + 2;
    if (i > data.length) return -1;
  }
}
