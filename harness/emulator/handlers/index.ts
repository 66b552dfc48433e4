import type { OperationName } from '../../contract/index.ts';
import type { Handler } from '../service.ts';
import { startWebRTCContact } from './start-webrtc-contact.ts';
import { describeContact } from './describe-contact.ts';
import { getContactAttributes } from './get-contact-attributes.ts';
import { stopContact } from './stop-contact.ts';

export const handlers: Readonly<Record<OperationName, Handler>> = {
  StartWebRTCContact: startWebRTCContact,
  DescribeContact: describeContact,
  GetContactAttributes: getContactAttributes,
  StopContact: stopContact,
};
