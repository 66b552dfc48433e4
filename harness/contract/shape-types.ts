// The vocabulary the contract is written in: a small subset of Smithy. Shapes refer to each other by
// name (as the published model does), which keeps recursive shapes such as SegmentAttributeValue plain
// data and makes the comparison with the public model one lookup per shape.

/** Inclusive bounds in Unicode code points for strings, in entries for maps and lists. */
export interface Length {
  readonly min?: number;
  readonly max?: number;
}

export interface StringShape {
  readonly type: 'string';
  readonly length?: Length;
  readonly enum?: readonly string[];
  /** An ECMAScript regular expression, exactly as the model states it (Smithy does not anchor it). */
  readonly pattern?: string;
  /** Never logged, reported, tagged or quoted in an error message. */
  readonly sensitive?: boolean;
}

export interface IntegerShape {
  readonly type: 'integer';
}

export interface Member {
  readonly shape: string;
}

export interface StructureShape {
  readonly type: 'structure';
  readonly members: Readonly<Record<string, Member>>;
  readonly required?: readonly string[];
}

export interface MapShape {
  readonly type: 'map';
  readonly key: Member;
  readonly value: Member;
  readonly length?: Length;
}

export interface ListShape {
  readonly type: 'list';
  readonly member: Member;
  readonly length?: Length;
}

export type Shape = StringShape | IntegerShape | StructureShape | MapShape | ListShape;
