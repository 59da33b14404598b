/**
 * A proxy in front of the emulator that sees each request arrive and can hold the ones a test names: the
 * witness that a call was sent, and a call that stays in flight for as long as the test wants (the
 * emulator's latency would answer it later, into the next test's call log).
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `POST /v2/email/configuration-sets` and the like: SESv2 is REST, so method and path name the operation. */
export type Route = `${string} ${string}`;

export class Gate {
  /** Every request that arrived, as `METHOD /path`, in order. */
  readonly arrived: Route[] = [];
  private readonly held: { req: IncomingMessage; body: Buffer; res: ServerResponse }[] = [];
  private readonly waiters: { route: Route; n: number; resolve: () => void }[] = [];

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
    readonly url: string,
    /** Requests to hold instead of forwarding. */
    private readonly hold: (route: Route) => boolean,
  ) {}

  static async start(target: string, hold: (route: Route) => boolean): Promise<Gate> {
    let gate!: Gate;
    const server = createServer((req, res) => gate.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    gate = new Gate(server, new URL(target), `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hold);
    return gate;
  }

  /** How many requests of `route` have arrived. */
  count(route: Route): number {
    return this.arrived.filter((r) => r === route).length;
  }

  /** Resolves once `n` requests of `route` have arrived. */
  arrival(route: Route, n = 1): Promise<void> {
    if (this.count(route) >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ route, n, resolve }));
  }

  /** Requests held and not answered (their client may have gone). */
  get holding(): number {
    return this.held.length;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const route: Route = `${req.method ?? 'GET'} ${new URL(req.url ?? '/', 'http://gate').pathname}`;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.arrived.push(route);
      for (const w of this.waiters.filter((x) => this.count(x.route) >= x.n)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
      const body = Buffer.concat(chunks);
      if (this.hold(route)) this.held.push({ req, body, res });
      else this.forward(req, body, res);
    });
  }

  private forward(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const out = request(new URL(req.url ?? '/', this.target), { method: req.method, headers: { ...req.headers, host: this.target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', (err) => res.destroy(err));
    out.end(body);
  }
}
