// Every open connection and the answers it is still owed. A graceful close needs it (which answers
// are owed, which connections are idle), and so does an early answer to bytes Node could not parse:
// written at once, it would land before the answers owed to the complete requests ahead of them on
// the same connection, and those answers (a started contact among them) would be lost.
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
  /** Every answer owed, on any connection. */
  readonly owed = new Set<ServerResponse>();
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
    const connection = this.open.get(req.socket);
    this.owed.add(res);
    connection?.owed.push(res);
    res.once('close', () => {
      this.owed.delete(res);
      this.lastAnswerAt = performance.now();
      if (connection) {
        const i = connection.owed.indexOf(res);
        if (i >= 0) connection.owed.splice(i, 1);
        if (connection.owed.length === 0 && connection.whenAnswered) {
          const run = connection.whenAnswered;
          connection.whenAnswered = undefined;
          run();
        }
      }
      this.onAnswered?.();
    });
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
