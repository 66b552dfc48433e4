// StartWebRTCContact and the sibling operations the harness uses, as data. Every number here is the
// published model's (Amazon Connect 2017-08-08); shape and member names keep AWS spelling so that
// the model comparison test can check each one by name. Lengths count Unicode code points.
import type { Shape } from './shape-types.ts';

const referenceTypes = [
  'URL', 'ATTACHMENT', 'CONTACT_ANALYSIS', 'NUMBER', 'STRING', 'DATE', 'EMAIL', 'EMAIL_MESSAGE',
  'EMAIL_MESSAGE_PLAIN_TEXT', 'EMAIL_MESSAGE_PLAIN_TEXT_REDACTED', 'EMAIL_MESSAGE_REDACTED',
] as const;

const referenceStatuses = ['AVAILABLE', 'DELETED', 'APPROVED', 'REJECTED', 'PROCESSING', 'FAILED'] as const;

export const shapes = {
  StartWebRTCContactRequest: {
    type: 'structure',
    required: ['ContactFlowId', 'InstanceId', 'ParticipantDetails'],
    members: {
      Attributes: { shape: 'Attributes' },
      ClientToken: { shape: 'ClientToken' },
      ContactFlowId: { shape: 'ContactFlowId' },
      InstanceId: { shape: 'InstanceId' },
      AllowedCapabilities: { shape: 'AllowedCapabilities' },
      ParticipantDetails: { shape: 'ParticipantDetails' },
      RelatedContactId: { shape: 'ContactId' },
      References: { shape: 'ContactReferences' },
      Description: { shape: 'Description' },
      // Newer than the other members: the newest v3 SDK sends it, older models lack it.
      SegmentAttributes: { shape: 'SegmentAttributes' },
    },
  },
  Attributes: { type: 'map', key: { shape: 'AttributeName' }, value: { shape: 'AttributeValue' } },
  AttributeName: { type: 'string', length: { min: 1, max: 32767 } },
  AttributeValue: { type: 'string', length: { min: 0, max: 32767 } },
  ClientToken: { type: 'string', length: { max: 500 } },
  ContactFlowId: { type: 'string', length: { max: 500 } },
  InstanceId: { type: 'string', length: { min: 1, max: 100 } },
  AllowedCapabilities: {
    type: 'structure',
    members: { Customer: { shape: 'ParticipantCapabilities' }, Agent: { shape: 'ParticipantCapabilities' } },
  },
  ParticipantCapabilities: {
    type: 'structure',
    members: { Video: { shape: 'VideoCapability' }, ScreenShare: { shape: 'ScreenShareCapability' } },
  },
  VideoCapability: { type: 'string', enum: ['SEND'] },
  ScreenShareCapability: { type: 'string', enum: ['SEND'] },
  ParticipantDetails: {
    type: 'structure',
    required: ['DisplayName'],
    members: { DisplayName: { shape: 'DisplayName' } },
  },
  DisplayName: { type: 'string', length: { min: 1, max: 256 } },
  ContactId: { type: 'string', length: { min: 1, max: 256 } },
  ContactReferences: { type: 'map', key: { shape: 'ReferenceKey' }, value: { shape: 'Reference' } },
  ReferenceKey: { type: 'string', length: { min: 1, max: 4096 } },
  Reference: {
    type: 'structure',
    required: ['Type'],
    members: {
      Value: { shape: 'ReferenceValue' },
      Type: { shape: 'ReferenceType' },
      Status: { shape: 'ReferenceStatus' },
      Arn: { shape: 'ReferenceArn' },
      StatusReason: { shape: 'ReferenceStatusReason' },
    },
  },
  ReferenceValue: { type: 'string', length: { min: 0, max: 4096 } },
  ReferenceType: { type: 'string', enum: referenceTypes },
  ReferenceStatus: { type: 'string', enum: referenceStatuses },
  // The model's pattern has no closing `$` and Smithy patterns are not implicitly anchored, so only
  // the first character is constrained. Kept verbatim: the emulator follows the model, not intuition.
  ReferenceArn: { type: 'string', length: { min: 20, max: 256 }, pattern: '^[-:/A-Za-z0-9]+' },
  ReferenceStatusReason: { type: 'string', length: { min: 0, max: 100 } },
  Description: { type: 'string', length: { min: 0, max: 4096 }, sensitive: true },
  SegmentAttributes: { type: 'map', key: { shape: 'SegmentAttributeName' }, value: { shape: 'SegmentAttributeValue' } },
  SegmentAttributeName: { type: 'string', length: { min: 1, max: 128 } },
  SegmentAttributeValue: {
    type: 'structure',
    members: {
      ValueString: { shape: 'SegmentAttributeValueString' },
      ValueMap: { shape: 'SegmentAttributeValueMap' },
      ValueInteger: { shape: 'SegmentAttributeValueInteger' },
      ValueList: { shape: 'SegmentAttributeValueList' },
      ValueArn: { shape: 'SegmentAttributeValueString' },
    },
  },
  SegmentAttributeValueString: { type: 'string', length: { min: 0, max: 1024 } },
  SegmentAttributeValueMap: { type: 'map', key: { shape: 'SegmentAttributeName' }, value: { shape: 'SegmentAttributeValue' } },
  SegmentAttributeValueInteger: { type: 'integer' },
  SegmentAttributeValueList: { type: 'list', member: { shape: 'SegmentAttributeValue' } },

  StartWebRTCContactResponse: {
    type: 'structure',
    members: {
      ConnectionData: { shape: 'ConnectionData' },
      ContactId: { shape: 'ContactId' },
      ParticipantId: { shape: 'ParticipantId' },
      ParticipantToken: { shape: 'ParticipantToken' },
    },
  },
  ConnectionData: { type: 'structure', members: { Attendee: { shape: 'Attendee' }, Meeting: { shape: 'Meeting' } } },
  Attendee: { type: 'structure', members: { AttendeeId: { shape: 'AttendeeId' }, JoinToken: { shape: 'JoinToken' } } },
  AttendeeId: { type: 'string' },
  JoinToken: { type: 'string', sensitive: true },
  Meeting: {
    type: 'structure',
    members: {
      MediaRegion: { shape: 'MediaRegion' },
      MediaPlacement: { shape: 'MediaPlacement' },
      MeetingFeatures: { shape: 'MeetingFeaturesConfiguration' },
      MeetingId: { shape: 'MeetingId' },
    },
  },
  MediaRegion: { type: 'string' },
  MediaPlacement: {
    type: 'structure',
    members: {
      AudioHostUrl: { shape: 'URI' },
      AudioFallbackUrl: { shape: 'URI' },
      SignalingUrl: { shape: 'URI' },
      TurnControlUrl: { shape: 'URI' },
      EventIngestionUrl: { shape: 'URI' },
    },
  },
  URI: { type: 'string', length: { min: 1, max: 2000 } },
  MeetingFeaturesConfiguration: { type: 'structure', members: { Audio: { shape: 'AudioFeatures' } } },
  AudioFeatures: { type: 'structure', members: { EchoReduction: { shape: 'MeetingFeatureStatus' } } },
  MeetingFeatureStatus: { type: 'string', enum: ['AVAILABLE', 'UNAVAILABLE'] },
  MeetingId: { type: 'string' },
  ParticipantId: { type: 'string', length: { min: 1, max: 256 } },
  // Sensitive by this project's rule (it grants a seat in the call), though the model does not mark it.
  ParticipantToken: { type: 'string', length: { min: 1, max: 1000 }, sensitive: true },

  StopContactRequest: {
    type: 'structure',
    required: ['ContactId', 'InstanceId'],
    members: {
      ContactId: { shape: 'ContactId' },
      InstanceId: { shape: 'InstanceId' },
      DisconnectReason: { shape: 'DisconnectReason' },
    },
  },
  DisconnectReason: { type: 'structure', members: { Code: { shape: 'DisconnectReasonCode' } } },
  DisconnectReasonCode: { type: 'string' },
} as const satisfies Record<string, Shape>;

export type ShapeName = keyof typeof shapes;

