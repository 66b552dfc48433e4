/**
 * Map keys that name Object.prototype members: valid attribute, reference and segment attribute
 * names, and the classic way to break a handler that assigns into a plain object.
 */
export const prototypeKeys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'] as const;
