// Speed-tuned: guarded by `npm run bench -- emulator`.
// Every open connection and the answers it is still owed. A graceful close needs it (which answers
// are owed, which connections are idle), and so does an early answer to bytes Node could not parse:
// written at once, it would land before the answers owed to the complete requests ahead of them on
// the same connection, and those answers (a started contact among them) would be lost.
//
// Answers owed are kept only in each connection's own list, not also in one Set of every answer: a
// Set with an entry added and deleted per request is rehashed into a new table every few dozen
// requests, and V8 links each discarded table to its successor. Once one discarded table had been promoted to the old generation, every
// later table and every response in it was kept alive through scavenges by that link and promoted
// too: about 4 KB a request (the request, its response, headers and body) went to the old
// generation, and scavenges took a fifth of the emulator's CPU. connections.test.ts checks the
// lists against a plain Set of what is owed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

interface Connection {
  /** Answers owed on this connection, oldest first. */
  readonly owed: ServerResponse[];
  /** Run once nothing is owed any more. */
  whenAnswered: (() => void) | undefined;
}

export class ConnectionTracker {
  private readonly open = new Map<Socket, Connection>();
  private owedCount = 0;
  /** performance.now() when an answer last finished. */
  lastAnswerAt = 0;
  /** Called after each answer finishes (graceful close listens). */
  onAnswered: (() => void) | undefined;

  /** For the server's 'connection' event: before any request arrives on it. */
  readonly connection = (socket: Socket): void => {
    this.open.set(socket, { owed: [], whenAnswered: undefined });
    socket.once('close', () => this.open.delete(socket));
  };

  /** For every request Node hands over, before anything answers it. */
  request(req: IncomingMessage, res: ServerResponse): void {
    if (!this.open.has(req.socket)) this.connection(req.socket); // not seen connecting: tracked from now on
    const connection = this.open.get(req.socket)!;
    connection.owed.push(res);
    this.owedCount++;
    // `on`, not `once` (which wraps the listener per request): Node emits a response's 'close' once.
    res.on('close', () => {
      this.lastAnswerAt = performance.now();
      const i = connection.owed.indexOf(res);
      if (i >= 0) {
        connection.owed.splice(i, 1);
        this.owedCount--;
      }
      if (connection.owed.length === 0 && connection.whenAnswered) {
        const run = connection.whenAnswered;
        connection.whenAnswered = undefined;
        run();
      }
      this.onAnswered?.();
    });
  }

  /** How many answers are owed, on every connection. */
  get owedAnswers(): number {
    return this.owedCount;
  }

  /** Every answer owed, on every connection (a copy: answering one does not disturb the walk). */
  owed(): ServerResponse[] {
    const all: ServerResponse[] = [];
    for (const connection of this.open.values()) all.push(...connection.owed);
    return all;
  }

  /** The answers still owed on `socket`, oldest first. */
  owedOn(socket: Socket): readonly ServerResponse[] {
    return this.open.get(socket)?.owed ?? [];
  }

  /** Runs `fn` once every answer owed on `socket` has gone out (now, if none is). */
  whenAnswered(socket: Socket, fn: () => void): void {
    const connection = this.open.get(socket);
    if (!connection || connection.owed.length === 0) fn();
    else connection.whenAnswered = fn;
  }

  get size(): number {
    return this.open.size;
  }

  sockets(): IterableIterator<Socket> {
    return this.open.keys();
  }
}
