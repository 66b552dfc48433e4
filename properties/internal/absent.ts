/** Placed at a structure member, removes it: how "required member missing" is written. */
export const absent: unique symbol = Symbol('absent');
