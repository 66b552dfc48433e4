// The four operations the harness calls, by name, as SDK commands.
import {
  DescribeContactCommand,
  GetContactAttributesCommand,
  StartWebRTCContactCommand,
  StopContactCommand,
  type ConnectClient,
} from '@aws-sdk/client-connect';

import type { OperationName } from '../contract/index.ts';

export type { OperationName };

// Inputs are deliberately loose: negative cases send what the types forbid, and the v3 SDK sends it.
type LooseInput = Record<string, unknown>;

export function send(client: ConnectClient, operation: OperationName, input: LooseInput): Promise<Record<string, unknown>> {
  switch (operation) {
    case 'StartWebRTCContact':
      return client.send(new StartWebRTCContactCommand(input as never)) as unknown as Promise<Record<string, unknown>>;
    case 'DescribeContact':
      return client.send(new DescribeContactCommand(input as never)) as unknown as Promise<Record<string, unknown>>;
    case 'GetContactAttributes':
      return client.send(new GetContactAttributesCommand(input as never)) as unknown as Promise<Record<string, unknown>>;
    case 'StopContact':
      return client.send(new StopContactCommand(input as never)) as unknown as Promise<Record<string, unknown>>;
  }
}
